export { canonicalJson, sameJson } from './canonical';
export { diffFields } from './generic';
export { diffFilters, isActive } from './filters';
export {
  diffIntegration,
  diffMappings,
  VOLATILE_FIELDS,
  type IntegrationLike,
} from './integration';
export { diffResource } from './resource';
export { evidenceFromLogs, trafficFromLogs, type Traffic, type EventSample } from './traffic';
export { filterDirection, filterFields, type FilterDirection } from './filter-direction';
export type { Evidence } from './critical';
export * from './schema';
