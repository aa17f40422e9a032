export * from './schema';
export { addEntries, emptyCounts, perMinute, windowFromEntries } from './counts';
export { anomalyKey, detectAnomalies, detectSilence, THRESHOLDS, uniqueAnomalies } from './detect';
export { compareHealth } from './health';
