export * from './schema';
export { addEntries, emptyCounts, perMinute, windowFromEntries } from './counts';
export {
  anomalyKey,
  detectAnomalies,
  detectSilence,
  SILENCE_FLOOR_MS,
  THRESHOLDS,
  uniqueAnomalies,
} from './detect';
export { compareHealth } from './health';
