import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SnapshotKey } from '../../../shared/bridge/calls/snapshots-types';

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
