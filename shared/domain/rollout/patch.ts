import { z } from 'zod';
import { EventFilter } from '../../contract/filters';
import { sameJson } from '../diff/canonical';

/** Map-like fields whose entries a rollout carries one by one. */
export const ENTRY_FIELDS = ['eventMapping', 'reverseEventMapping'] as const;
/**
 * Switches a rollout may carry. Config fields that identify an account (measurement, pixel and
 * conversion ids, labels) and every secret are never among them: they differ per site.
 */
export const FLAG_PATHS = [
  'enabled',
  'testMode',
  'config.advancedMatching',
  'config.valueBased',
] as const;

const Text = z.string().max(200).nullable();
export const PatchOp = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('entry'),
    field: z.enum(ENTRY_FIELDS),
    key: z.string().min(1).max(100),
    from: Text,
    to: Text,
  }),
  z.object({
    kind: z.literal('filter'),
    event: z.string().min(1).max(100),
    from: EventFilter.nullable(),
    to: EventFilter.nullable(),
  }),
  z.object({
    kind: z.literal('flag'),
    path: z.enum(FLAG_PATHS),
    from: z.boolean().nullable(),
    to: z.boolean().nullable(),
  }),
]);
export type PatchOp = z.infer<typeof PatchOp>;
export const Patch = z.array(PatchOp).max(500);

type Body = Record<string, unknown>;
const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

function flagOf(body: Body, path: (typeof FLAG_PATHS)[number]): boolean | null {
  const v = path.startsWith('config.') ? record(body.config)[path.slice(7)] : body[path];
  return typeof v === 'boolean' ? v : null;
}

/**
 * A change's diff as a patch of only what was edited: mapping and reverse-mapping entries,
 * filters per event and the switches. `ignored` names what changed but is never carried.
 */
export function patchBetween(before: Body, after: Body): { ops: PatchOp[]; ignored: string[] } {
  const ops: PatchOp[] = [];
  for (const field of ENTRY_FIELDS) {
    const a = record(before[field]);
    const b = record(after[field]);
    for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort()) {
      const from = typeof a[key] === 'string' ? a[key] : null;
      const to = typeof b[key] === 'string' ? b[key] : null;
      if (from !== to) ops.push({ kind: 'entry', field, key, from, to });
    }
  }
  const fa = record(before.eventFilters);
  const fb = record(after.eventFilters);
  for (const event of [...new Set([...Object.keys(fa), ...Object.keys(fb)])].sort()) {
    if (sameJson(fa[event] ?? null, fb[event] ?? null)) continue;
    ops.push({
      kind: 'filter',
      event,
      from: fa[event] === undefined ? null : EventFilter.parse(fa[event]),
      to: fb[event] === undefined ? null : EventFilter.parse(fb[event]),
    });
  }
  for (const path of FLAG_PATHS) {
    const from = flagOf(before, path);
    const to = flagOf(after, path);
    if (from !== to) ops.push({ kind: 'flag', path, from, to });
  }
  const carried = new Set(FLAG_PATHS.filter((p) => p.startsWith('config.')).map((p) => p.slice(7)));
  const ca = record(before.config);
  const cb = record(after.config);
  const ignored = [...new Set([...Object.keys(ca), ...Object.keys(cb)])]
    .filter((k) => !carried.has(k) && !sameJson(ca[k] ?? null, cb[k] ?? null))
    .sort()
    .map((k) => `config.${k}`);
  return { ops, ignored };
}

function current(body: Body, op: PatchOp): unknown {
  if (op.kind === 'entry') return record(body[op.field])[op.key] ?? null;
  if (op.kind === 'filter') return record(body.eventFilters)[op.event] ?? null;
  return flagOf(body, op.path);
}

const shown = (v: unknown) => (v === null ? 'absent' : JSON.stringify(v));

function where(op: PatchOp): string {
  if (op.kind === 'entry') return `${op.field}.${op.key}`;
  if (op.kind === 'filter') return `eventFilters.${op.event}`;
  return op.path;
}

function put(body: Body, op: PatchOp): void {
  const setIn = (holder: Record<string, unknown>, key: string, value: unknown) => {
    if (value === null) delete holder[key];
    else holder[key] = value;
  };
  if (op.kind === 'entry') {
    const next = { ...record(body[op.field]) };
    setIn(next, op.key, op.to);
    body[op.field] = next;
  } else if (op.kind === 'filter') {
    const next = { ...record(body.eventFilters) };
    setIn(next, op.event, op.to);
    body.eventFilters = next;
  } else if (op.path.startsWith('config.')) {
    const next = { ...record(body.config) };
    setIn(next, op.path.slice(7), op.to);
    body.config = next;
  } else setIn(body, op.path, op.to);
}

export type PatchResult =
  | { kind: 'apply'; body: Body; already: number }
  | { kind: 'already' }
  | { kind: 'conflict'; reasons: string[] };

/**
 * Applies a patch to another site's body like a three-way merge: each edited field must still hold
 * the source's "before" value here (then it is set) or already hold the "after" value (left as
 * is). Anything else is a conflict, and nothing of the patch is applied to that site.
 */
export function applyPatch(ops: readonly PatchOp[], body: Body): PatchResult {
  const next = structuredClone(body);
  const reasons: string[] = [];
  let already = 0;
  for (const op of ops) {
    const here = current(body, op);
    if (sameJson(here, op.to)) already++;
    else if (sameJson(here, op.from)) put(next, op);
    else
      reasons.push(
        `${where(op)} is ${shown(here)} here; the change expects ${shown(op.from)} before it.`,
      );
  }
  if (reasons.length) return { kind: 'conflict', reasons };
  if (already === ops.length) return { kind: 'already' };
  return { kind: 'apply', body: next, already };
}

/** One sentence per operation, for the rollout's plan and the journal. */
export function describePatch(ops: readonly PatchOp[]): string[] {
  return ops.map((op) => {
    if (op.kind === 'entry') {
      const what = op.field === 'eventMapping' ? 'Mapping' : 'Reverse mapping';
      if (op.to === null) return `${what}: remove ${op.key} (was ${op.from ?? ''})`;
      if (op.from === null) return `${what}: add ${op.key} → ${op.to}`;
      return `${what}: ${op.key} → ${op.to} (was ${op.from})`;
    }
    if (op.kind === 'filter') {
      if (op.to === null) return `Filter on ${op.event}: remove`;
      const conditions = (op.to.conditions ?? [])
        .map((c) =>
          `${c.field} ${c.operator} ${c.value === undefined ? '' : JSON.stringify(c.value)}`.trim(),
        )
        .join(' and ');
      const state = op.to.enabled ? (conditions ? `keep only when ${conditions}` : 'on') : 'off';
      return `Filter on ${op.event}: ${op.from === null ? 'add' : 'set'} (${state})`;
    }
    return `${op.path}: ${shown(op.from)} → ${shown(op.to)}`;
  });
}
