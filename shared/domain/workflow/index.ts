export * from './entries';
export type { ChangeState } from './state';
export { foldChange } from './fold';
export { ACTIONS, isLegal, legalActions, refusal, stepIndex, type Action } from './actions';
export { applyKey } from './idempotency';
export * from './runbook';
export * from './checklist';
export * from './monitor-gaps';
