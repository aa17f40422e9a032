import type { ChangeState } from './state';

/**
 * Whether what a change applied is what production runs now, read from its rollbacks in order: a
 * restore puts the baseline back for good; Disable and Enable test mode stop it sending until
 * Re-enable and Disable test mode make it live again. "Rolled back" alone cannot say this: after
 * Disable then Re-enable the applied configuration is live again.
 */
export function appliedIsLive(s: Pick<ChangeState, 'applied' | 'rollbacks'>): boolean {
  if (!s.applied) return false;
  let restored = false;
  let off = false;
  let testing = false;
  for (const r of s.rollbacks) {
    if (!r.ok) continue;
    if (r.action === 'restore') restored = true;
    else if (r.action === 'disable') off = true;
    else if (r.action === 'enable') off = false;
    else if (r.action === 'test_mode') testing = true;
    else if (r.action === 'test_mode_off') testing = false;
  }
  return !restored && !off && !testing;
}
