import { toBody, type Draft, type Pair } from './draft';

// Placeholders no real value can equal (a NUL character), replaced by the rows' own text.
const MAPPING = '\u0000eventMapping';
const REVERSE = '\u0000reverseEventMapping';

function pairsText(rows: Pair[], indent: string): string {
  if (rows.length === 0) return '{}';
  const inner = rows
    .map((r) => `${indent}  ${JSON.stringify(r.key)}: ${JSON.stringify(r.value)}`)
    .join(',\n');
  return `{\n${inner}\n${indent}}`;
}

/**
 * The draft as the Raw JSON view shows it: the wire object, except that the mapping sections list
 * every row, so a duplicate row stays visible (and is reported) instead of collapsing into one key.
 */
export function draftJson(d: Draft): string {
  const body = toBody(d);
  const text = JSON.stringify(
    { ...body, eventMapping: MAPPING, reverseEventMapping: REVERSE },
    null,
    2,
  );
  return text
    .replace(JSON.stringify(MAPPING), pairsText(d.mapping, '  '))
    .replace(JSON.stringify(REVERSE), pairsText(d.reverse, '  '));
}

/** Keys that appear on more than one row (mapping, reverse mapping, filters): "purchase". */
export function duplicatedKeys(d: Draft): string[] {
  const twice = new Set<string>();
  for (const rows of [
    d.mapping.map((r) => r.key),
    d.reverse.map((r) => r.key),
    d.filters.map((f) => f.event),
  ]) {
    const seen = new Set<string>();
    for (const k of rows) {
      if (k && seen.has(k)) twice.add(k);
      seen.add(k);
    }
  }
  return [...twice];
}
