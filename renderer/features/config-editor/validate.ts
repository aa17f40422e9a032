import type { ErrorIssue } from '../../../shared/bridge';
import { integrationBodySchema, type ProviderKey } from '../../../shared/contract';
import { toBody, type Draft, type Pair } from './draft';
import { duplicateKeys } from './duplicate-keys';
import { plainWords } from '../../ui/plain-words';

/** Row problems the wire object cannot show (a duplicate key silently collapses into one). */
function rowIssues(rows: Pair[], section: string, what: string): ErrorIssue[] {
  const issues: ErrorIssue[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.key.trim() === '')
      issues.push({ path: `${section}.#${r.id}`, message: `a ${what} row has no name` });
    else if (seen.has(r.key))
      issues.push({ path: `${section}.${r.key}`, message: `"${r.key}" appears twice` });
    seen.add(r.key);
  }
  return issues;
}

/** The same zod schema the bridge and the API use, plus the row checks: one list for the whole form. */
export function validateDraft(provider: ProviderKey, d: Draft): ErrorIssue[] {
  const issues = [
    ...rowIssues(d.mapping, 'eventMapping', 'mapping'),
    ...rowIssues(d.reverse, 'reverseEventMapping', 'reverse mapping'),
    ...rowIssues(
      d.filters.map((f) => ({ id: f.id, key: f.event, value: '' })),
      'eventFilters',
      'filter',
    ),
  ];
  const parsed = integrationBodySchema(provider).safeParse(toBody(d), { error: plainWords });
  if (!parsed.success)
    for (const i of parsed.error.issues)
      issues.push({ path: i.path.map(String).join('.') || '(root)', message: i.message });
  return issues;
}

export function validateJson(
  provider: ProviderKey,
  text: string,
): { value?: Record<string, unknown>; issues: ErrorIssue[] } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return { issues: [{ path: '(json)', message: `not valid JSON: ${(e as Error).message}` }] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { issues: [{ path: '(json)', message: 'the integration must be a JSON object' }] };
  const parsed = integrationBodySchema(provider).safeParse(value, { error: plainWords });
  // Duplicate keys first: JSON.parse already dropped all but the last, so the schema cannot see them.
  const issues = [
    ...duplicateKeys(text),
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => ({
          path: i.path.map(String).join('.') || '(root)',
          message: i.message,
        }))),
  ];
  return { value: value as Record<string, unknown>, issues };
}

/** Issues at a path or under it, e.g. "config.measurementId" or "eventFilters.purchase". */
export function issuesAt(issues: ErrorIssue[], path: string): string | undefined {
  const hit = issues.filter((i) => i.path === path || i.path.startsWith(`${path}.`));
  return hit.length ? hit.map((i) => i.message).join('; ') : undefined;
}
