import { STEPS, type Step } from './entries';
import type { ChangeState } from './state';

/** Everything an operator (or the app) can do to a change; legality depends on the step. */
export const ACTIONS = [
  'baseline',
  'save_draft',
  'apply',
  'run_test',
  'check_health',
  'start_monitoring',
  'end_monitoring',
  'acknowledge',
  'mark_known_good',
  'close_rolled_back',
  'rollback',
  'abandon',
  'note',
] as const;
export type Action = (typeof ACTIONS)[number];

export function stepIndex(step: Step): number {
  return STEPS.indexOf(step);
}

/**
 * The runbook's order as a table: an action is legal only at its step, so nothing can be skipped
 * or reordered. Rollback is legal from Apply onwards (anything live can be contained at once).
 */
export function legalActions(s: ChangeState): Action[] {
  if (!s.open) return ['note'];
  const out: Action[] = ['note', 'abandon'];
  if (s.applied || s.rolledBack) out.push('rollback');
  // Regressions and anomalies can be read and acknowledged as soon as there are any.
  if (s.applied && !s.rolledBack && (s.health || s.anomalies.length)) out.push('acknowledge');
  switch (s.step) {
    case 'baseline':
      out.push('baseline');
      break;
    case 'config':
      out.push('save_draft', 'apply', 'baseline');
      break;
    case 'test':
      out.push('run_test');
      break;
    case 'health':
      out.push('check_health', 'run_test');
      break;
    case 'monitor':
      if (!s.monitor) out.push('start_monitoring');
      // The emergency path: end the window now, with a reason (the checklist says "ended early").
      else if (!s.monitor.summary) out.push('end_monitoring');
      break;
    case 'close':
      if (s.rolledBack) out.push('close_rolled_back', 'run_test');
      else out.push('mark_known_good');
      break;
  }
  return out;
}

export function isLegal(s: ChangeState, action: Action): boolean {
  return legalActions(s).includes(action);
}

/** Why an action is refused, in the operator's words (shown instead of a disabled button's silence). */
export function refusal(s: ChangeState, action: Action): string | undefined {
  if (isLegal(s, action)) return undefined;
  if (!s.open) return `This change is closed (${s.outcome ?? 'closed'}).`;
  if (action === 'rollback') return 'Nothing has been applied yet: there is nothing to roll back.';
  return `Not at this step: the change is at ${s.step}; the runbook's order is baseline, config, test, health, monitor, close.`;
}
