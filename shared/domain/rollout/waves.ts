/**
 * The default plan: a canary of one site, then a quarter of the sites, then the rest (empty waves
 * dropped), so 12 sites go 1 / 3 / 8 and 2 sites go 1 / 1.
 */
export function defaultWaves(sites: number): number[] {
  if (sites <= 0) return [];
  if (sites === 1) return [1];
  const quarter = Math.min(sites - 1, Math.max(1, Math.ceil(sites * 0.25)));
  const rest = sites - 1 - quarter;
  return rest > 0 ? [1, quarter, rest] : [1, quarter];
}

/** Why a wave plan cannot be used for `sites` sites, or undefined when it can. */
export function wavesProblem(waves: readonly number[], sites: number): string | undefined {
  if (waves.length === 0) return 'Give at least one wave.';
  if (waves.some((w) => !Number.isInteger(w) || w < 1))
    return 'Every wave needs at least one site.';
  const total = waves.reduce((a, b) => a + b, 0);
  if (total !== sites)
    return `The waves add up to ${total} sites, but ${sites} ${sites === 1 ? 'is' : 'are'} picked.`;
  return undefined;
}

/** The wave (0-based) of each position in the ordered site list. */
export function waveOf(waves: readonly number[], position: number): number {
  let end = 0;
  for (let w = 0; w < waves.length; w++) {
    end += waves[w]!;
    if (position < end) return w;
  }
  return waves.length - 1;
}
