import type { Site } from '../../../shared/bridge';

/** A site about to be saved: new (no id) or an edit of a saved one. */
export interface SiteCandidate {
  id?: string | undefined;
  connectionId: string;
  label: string;
  siteId: string;
}

const sameLabel = (a: string, b: string) =>
  a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/**
 * Why `candidate` cannot join `saved`, if it cannot: on one connection a site id is saved once and a
 * label names one site (the picker shows labels; two "Shop EU" would be one name for two sites).
 * Pure, so the single add, a bulk import and an edit all apply the same rule.
 */
export function siteConflict(saved: readonly Site[], candidate: SiteCandidate): string | undefined {
  const others = saved.filter(
    (s) => s.id !== candidate.id && s.connectionId === candidate.connectionId,
  );
  const sameId = others.find((s) => s.siteId === candidate.siteId.toLowerCase());
  if (sameId) return `This site is already saved as "${sameId.label}" on that connection.`;
  const named = others.find((s) => sameLabel(s.label, candidate.label));
  if (named)
    return `The label "${candidate.label.trim()}" already names site ${named.siteId} on that connection: choose another label.`;
  return undefined;
}
