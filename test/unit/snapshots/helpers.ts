import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';
import { SnapshotStore } from '../../../main/core/snapshots/store';
import { Workspace } from '../../../main/core/workspace/workspace';

export const SITE = '3f1c2a9e-4b5d-4c6e-8f70-112233445566';
export const KEY: SnapshotKey = { connectionId: 'sandbox', siteId: SITE, target: 'meta' };

export function tempDir(prefix = 'snap-'): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function metaBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    enabled: true,
    testMode: false,
    config: { pixelId: '123456789012345', accessToken: '••••abcd', advancedMatching: true },
    eventMapping: { purchase: 'Purchase', add_to_cart: 'AddToCart', page_view: 'PageView' },
    reverseEventMapping: {},
    eventFilters: { purchase: { enabled: true } },
    ...extra,
  };
}

/** A snapshot store on a local team workspace in `dir` (no remote), as the app builds it. */
export async function openStore(
  dir: string,
  author = 'Ada Ops',
): Promise<{ store: SnapshotStore; ws: Workspace }> {
  const ws = await Workspace.open({
    dataDir: dir,
    author: () => ({ name: author, email: 'ada@example.com' }),
    remote: () => Promise.resolve(undefined),
    laptop: 'test',
  });
  const store = new SnapshotStore({
    ws,
    places: { site: (_c: string, siteId: string) => ({ env: 'test-env', siteId }) },
    author: () => ({ name: author, email: 'ada@example.com' }),
    describe: () => Promise.resolve([]),
    onChange: (l) => ws.repo.onChange((c) => l(c.paths)),
  });
  return { store, ws };
}
