import { OpsFailure } from '../../../../shared/bridge';
import type { HealthComparison } from '../../../../shared/domain/anomaly/schema';
import { applyPatch, type RolloutState } from '../../../../shared/domain/rollout';
import type { ChangeState } from '../../../../shared/domain/workflow/state';
import type { RolloutChanges } from './ports';

export type SiteOutcome =
  | { kind: 'ready' }
  | { kind: 'skipped'; reason: string }
  | { kind: 'halt'; reason: string }
  /** The app is closing: the next start picks the site up at this step. */
  | { kind: 'stopped' };

type Site = RolloutState['sites'][number];

const message = (error: unknown) =>
  error instanceof OpsFailure || error instanceof Error ? error.message : String(error);

function failedStep(c: ChangeState): string {
  const t = c.lastTest;
  const step = t?.result?.steps.find((s) => !s.ok);
  return step ? `${step.name}: ${step.message}` : (t?.error ?? 'the test did not pass');
}

const NO_EVIDENCE =
  "Health is unknown after the apply (no deliveries in its window yet): the wave's monitoring decides.";

/**
 * "Unknown" after the apply is no evidence either way (the API's health window is empty, e.g. it
 * restarted): the monitoring window compares real deliveries. A check that now fails is evidence.
 */
export function noEvidence(cmp: HealthComparison | undefined): boolean {
  return cmp?.after?.status === 'unknown' && !cmp.regressions.some((r) => r.startsWith('Check '));
}

/**
 * Takes one site's change from wherever its journal says it is (a fresh start, or after a restart
 * at any step) to "applied, tested, health checked": baseline, a clean-apply check of the patch,
 * the draft, the apply (If-Match, intent journaled), the mandatory test, health. Anything wrong
 * halts the rollout; a patch that does not fit skips the site with the reason.
 */
export async function advanceSite(
  changes: RolloutChanges,
  r: RolloutState,
  site: Site,
  changeId: string,
  stopping: () => boolean,
): Promise<SiteOutcome> {
  const skip = async (reason: string): Promise<SiteOutcome> => {
    await changes.close(changeId, 'abandoned', `Rollout ${r.id}: ${reason}`);
    return { kind: 'skipped', reason };
  };
  for (let guard = 0; guard < 12; guard++) {
    if (stopping()) return { kind: 'stopped' };
    const c = changes.state(changeId);
    if (!c.open)
      return c.outcome === 'abandoned'
        ? { kind: 'skipped', reason: c.notes.at(-1)?.text ?? 'The change was abandoned.' }
        : {
            kind: 'halt',
            reason: `The change on ${site.label} was closed (${c.outcome ?? ''}) outside the rollout.`,
          };
    switch (c.step) {
      case 'baseline': {
        const last = [...c.entries].reverse().find((e) => e.type === 'baseline_failed');
        if (last?.type === 'baseline_failed' && last.error.kind === 'not_found')
          return skip(`This site has no ${r.source.target} integration: ${last.error.message}`);
        try {
          await changes.baseline(changeId);
        } catch (error) {
          return {
            kind: 'halt',
            reason: `The baseline of ${site.label} could not be taken: ${message(error)}`,
          };
        }
        continue;
      }
      case 'config': {
        if (c.lastApplyError)
          return {
            kind: 'halt',
            reason: `The apply on ${site.label} failed: ${c.lastApplyError.error.message}`,
          };
        const fit = applyPatch(r.patch, c.baseline!.body);
        if (fit.kind === 'conflict')
          return skip(`The change does not apply cleanly here: ${fit.reasons.join(' ')}`);
        if (fit.kind === 'already') return skip('This site already has this change.');
        await changes.saveDraft(changeId, fit.body);
        try {
          await changes.apply(changeId);
        } catch (error) {
          return { kind: 'halt', reason: `The apply on ${site.label} failed: ${message(error)}` };
        }
        continue;
      }
      case 'test': {
        const after = await changes.tested(changeId);
        if (after.step === 'test')
          return {
            kind: 'halt',
            reason: `The mandatory test failed on ${site.label}: ${failedStep(after)}`,
          };
        continue;
      }
      case 'health':
        try {
          await changes.health(changeId);
        } catch (error) {
          return {
            kind: 'halt',
            reason: `The health of ${site.label} could not be read: ${message(error)}`,
          };
        }
        continue;
      case 'monitor':
      case 'close': {
        const cmp = c.health?.comparison;
        const regressions = cmp?.regressions ?? [];
        if (regressions.length && !c.monitor) {
          if (!noEvidence(cmp))
            return {
              kind: 'halt',
              reason: `Health regressed on ${site.label}: ${regressions.join(' ')}`,
            };
          if (!c.notes.some((n) => n.text.startsWith(NO_EVIDENCE)))
            await changes.note(changeId, `${NO_EVIDENCE} ${regressions.join(' ')}`);
        }
        if (c.rolledBack)
          return {
            kind: 'halt',
            reason: `The change on ${site.label} was rolled back outside the rollout.`,
          };
        return { kind: 'ready' };
      }
    }
  }
  return {
    kind: 'halt',
    reason: `The change on ${site.label} does not move on (${changes.state(changeId).step}).`,
  };
}
