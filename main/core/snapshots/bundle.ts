import { fail, issuesFromZod } from '../../../shared/bridge/errors';
import { BUNDLE_MAX_CHARS, type ImportReport } from '../../../shared/bridge/calls/snapshots';
import {
  targetKind,
  type SnapshotKey,
  type SnapshotMeta,
} from '../../../shared/bridge/calls/snapshots-types';
import { DataLayerConfig, IntegrationBody, WebhookBody } from '../../../shared/contract';
import { findSecrets, sha256Of, snapshotBody } from './body';
import {
  Bundle,
  BUNDLE_FORMAT,
  BUNDLE_SCHEMA_VERSION,
  BundleItem,
  hostileKeys,
} from './bundle-schema';
import type { SnapshotStore } from './store';

export async function exportBundle(
  store: SnapshotStore,
  items: (SnapshotKey & { versions?: number[] | undefined })[],
  now: Date,
): Promise<{ bundle: string; count: number; fileName: string }> {
  const out: BundleItem[] = [];
  for (const sel of items) {
    const key = { connectionId: sel.connectionId, siteId: sel.siteId, target: sel.target };
    const versions = sel.versions ?? (await store.list(key)).map((m) => m.version).reverse();
    for (const v of versions) {
      const s = await store.get(key, v);
      out.push(
        BundleItem.parse({
          ...key,
          version: s.version,
          sha256: s.sha256,
          createdAt: s.createdAt,
          source: s.source,
          label: s.label,
          changeId: s.changeId,
          knownGood: s.knownGood,
          body: s.body,
        }),
      );
    }
  }
  if (out.length === 0) fail('validation', 'Nothing to export: the selected histories are empty.');
  const bundle: Bundle = {
    format: BUNDLE_FORMAT,
    schemaVersion: BUNDLE_SCHEMA_VERSION,
    exportedAt: now.toISOString(),
    items: out,
  };
  const stamp = now.toISOString().slice(0, 19).replace(/[:T]/g, '-');
  return {
    bundle: JSON.stringify(bundle, null, 2),
    count: out.length,
    fileName: `snapshots-${stamp}.json`,
  };
}

const BODY_SCHEMAS = {
  provider: IntegrationBody,
  webhook: WebhookBody,
  'data-layer': DataLayerConfig,
} as const;

/** Whole-bundle checks: any failure is an error and nothing is written. */
export function parseBundle(text: string): Bundle {
  if (text.length > BUNDLE_MAX_CHARS)
    fail(
      'validation',
      `The bundle is too large (${text.length} characters; at most ${BUNDLE_MAX_CHARS}).`,
    );
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    fail('validation', 'The bundle is not valid JSON (truncated, or not an export of this app).');
  }
  const hostile = hostileKeys(raw);
  if (hostile) fail('validation', `The bundle was refused: ${hostile}. Nothing was imported.`);
  const parsed = Bundle.safeParse(raw);
  if (!parsed.success)
    fail(
      'validation',
      'The bundle does not match the snapshot bundle format. Nothing was imported.',
      { issues: issuesFromZod(parsed.error) },
    );
  return parsed.data;
}

/** Per-item checks; a refused item refuses the whole import (all-or-nothing). */
function refusal(item: BundleItem): string | undefined {
  const secrets = findSecrets(item.body);
  if (secrets.length > 0)
    return `contains unmasked secrets (${secrets.slice(0, 3).join(', ')}); bundles must never carry secrets`;
  const body = BODY_SCHEMAS[targetKind(item.target)].safeParse(item.body);
  if (!body.success)
    return `the body is not a valid ${targetKind(item.target)} configuration (${issuesFromZod(body.error)[0]?.path ?? ''}: ${issuesFromZod(body.error)[0]?.message ?? ''})`;
  if (sha256Of(snapshotBody(item.target, item.body)) !== item.sha256)
    return 'its body does not match its sha-256: it was altered after export';
  return undefined;
}

export async function importBundle(
  store: SnapshotStore,
  text: string,
  into: { connectionId: string; siteId: string } | undefined,
): Promise<{ report: ImportReport; touched: SnapshotKey[] }> {
  const bundle = parseBundle(text);
  const refused = bundle.items.flatMap((item, i) => {
    const reason = refusal(item);
    return reason ? [{ item: i, reason }] : [];
  });
  const notes = [
    'Known-good marks are not imported: review the imported versions, then mark them here.',
  ];
  if (refused.length > 0)
    return {
      report: { written: false, imported: [], skippedDuplicates: [], refused, notes },
      touched: [],
    };

  const imported: SnapshotMeta[] = [];
  const skippedDuplicates: ImportReport['skippedDuplicates'] = [];
  const touched = new Map<string, SnapshotKey>();
  const order = bundle.items
    .map((item, i) => ({ item, i }))
    .sort(
      (a, b) => a.item.createdAt.localeCompare(b.item.createdAt) || a.item.version - b.item.version,
    );
  for (const { item, i } of order) {
    const key: SnapshotKey = {
      connectionId: into?.connectionId ?? item.connectionId,
      siteId: into?.siteId ?? item.siteId,
      target: item.target,
    };
    const body = snapshotBody(item.target, item.body);
    const existing = await store.findBySha(key, item.sha256);
    if (existing) {
      skippedDuplicates.push({
        item: i,
        target: item.target,
        sha256: item.sha256,
        existingVersion: existing.version,
      });
      continue;
    }
    const label =
      `${item.label ? `${item.label} ` : ''}(imported v${item.version}, exported ${bundle.exportedAt.slice(0, 10)})`.slice(
        0,
        200,
      );
    const r = await store.append(key, { body, source: 'import', label, changeId: item.changeId });
    imported.push(r.meta);
    touched.set(`${key.connectionId}/${key.siteId}/${key.target}`, key);
  }
  return {
    report: { written: imported.length > 0, imported, skippedDuplicates, refused: [], notes },
    touched: [...touched.values()],
  };
}
