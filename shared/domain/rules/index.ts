export { getPath } from './path';
export { evaluateCondition, evaluateFilter } from './condition';
export type { ConditionResult, FilterResult } from './condition';
export { reverseMap, classifyEvent } from './classify';
export type { Classification, ClassifiableIntegration } from './classify';
