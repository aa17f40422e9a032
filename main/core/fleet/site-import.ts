import { OpsFailure, SiteId, type Emit, type Fetched, type Site } from '../../../shared/bridge';

import type { SiteImportOutcome } from '../../../shared/bridge/calls/fleet';
import type { IntegrationResource } from '../../../shared/contract';
import type { ConnectionService } from '../connections/connection-service';
import { siteConflict } from '../connections/site-rules';
import { withPriority } from '../scheduler/priority';

export interface ImportDeps {
  connections: ConnectionService;
  emit: Emit;
  /** A live list of the site's integrations (never the offline copy: a decision is made on it). */
  listIntegrations(connectionId: string, siteId: string): Promise<Fetched<IntegrationResource[]>>;
  /** Rows checked at once; the connection's request scheduler paces them. */
  parallel?: number;
}

type Row = { line: number; siteId: string; label: string };
type Checked = Omit<SiteImportOutcome, 'key'>;

/**
 * Refusals that need no request: not an id, listed twice, or refused by the single add's rule (a
 * site id saved once and a label naming one site per connection, rows of this import included).
 */
function precheck(connections: ConnectionService, connectionId: string, rows: readonly Row[]) {
  const taken: Site[] = [...connections.listSites()];
  const firstLine = new Map<string, number>();
  return rows.map((row): Checked | Row => {
    const id = row.siteId.trim().toLowerCase();
    const label = row.label.trim() || `Site ${id.slice(0, 8)}`;
    const base = { line: row.line, siteId: id, label };
    if (!SiteId.safeParse(id).success)
      return { ...base, outcome: 'invalid', message: 'Not a site id: a site id is a UUID.' };
    if (label.length > 80)
      return { ...base, outcome: 'invalid', message: 'The label is longer than 80 characters.' };
    const twice = firstLine.get(id);
    if (twice !== undefined)
      return { ...base, outcome: 'duplicate', message: `Listed twice: already on line ${twice}.` };
    firstLine.set(id, row.line);
    const conflict = siteConflict(taken, { connectionId, label, siteId: id });
    if (conflict) return { ...base, outcome: 'duplicate', message: conflict };
    taken.push({ id: `line-${row.line}`, connectionId, label, siteId: id });
    return base;
  });
}

function answered(row: Row, error: unknown): Checked {
  const e = error instanceof OpsFailure ? error.error : undefined;
  const said = e?.message ?? String(error);
  if (e?.kind === 'not_found')
    return { ...row, outcome: 'not_found', message: `The API does not know this site: ${said}` };
  if (e && ['network', 'timeout', 'offline'].includes(e.kind))
    return { ...row, outcome: 'unreachable', message: `Not checked, not added: ${said}` };
  return { ...row, outcome: 'refused', message: said };
}

/**
 * Adds sites by id: each row is checked against the API (a live list of its integrations, at
 * bulk priority) and its answer shown; only sites the API knows are saved, in one write.
 */
export async function importSites(
  deps: ImportDeps,
  connectionId: string,
  rows: readonly Row[],
): Promise<SiteImportOutcome[]> {
  await deps.connections.resolve(connectionId);
  const results = precheck(deps.connections, connectionId, rows);
  const unchecked = results.flatMap((r, i) => ('outcome' in r ? [] : [i]));
  let done = rows.length - unchecked.length;
  const progress = () =>
    deps.emit('sites.importProgress', { connectionId, done, total: rows.length });
  progress();
  const check = async (i: number) => {
    const row = results[i] as Row;
    try {
      const list = await withPriority('bulk', () =>
        deps.listIntegrations(connectionId, row.siteId),
      );
      results[i] = list.stale
        ? {
            ...row,
            outcome: 'unreachable',
            message: 'Not checked, not added: the API is unreachable.',
          }
        : {
            ...row,
            outcome: 'added',
            message: list.data.length
              ? `Found, with ${list.data.map((x) => x.provider).join(', ')}.`
              : 'Found, with no integration yet.',
          };
    } catch (error) {
      results[i] = answered(row, error);
    }
    done++;
    if (done % 10 === 0 || done === rows.length) progress();
  };
  const queue = [...unchecked];
  await Promise.all(
    Array.from({ length: Math.min(deps.parallel ?? 4, queue.length) }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) await check(i);
    }),
  );
  const checked = results as Checked[];
  const added = deps.connections.addSites(
    checked
      .filter((r) => r.outcome === 'added')
      .map((r) => ({ connectionId, siteId: r.siteId, label: r.label })),
  );
  const keys = new Map(added.map((s) => [s.siteId, s.id]));
  return checked.map((r) =>
    r.outcome === 'added' && keys.has(r.siteId) ? { ...r, key: keys.get(r.siteId)! } : r,
  );
}
