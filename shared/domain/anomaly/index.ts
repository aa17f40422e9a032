export * from './schema';
export { addEntries, emptyCounts, perMinute, windowFromEntries } from './counts';
export { anomalyKey, detectAnomalies, THRESHOLDS } from './detect';
export { compareHealth } from './health';
