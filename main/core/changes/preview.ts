import type { PreviewResult } from '../../../shared/bridge/calls/changes';
import type { LogEntry } from '../../../shared/contract';
import { diffIntegration, evidenceFromLogs } from '../../../shared/domain/diff';
import { previewImpact } from '../../../shared/domain/impact';
import type { Body, TargetIO } from '../targets/target-io';
import { errorText, liveFor } from './context';
import { diffOf } from './diff';

/**
 * The diff of a draft against the baseline with its critical flags and the impact preview, both
 * judged on the same live read of the last 500 logged events (the flags and the table cannot
 * disagree). Without logs the diff still comes, its flags marked as unchecked, with the reason.
 */
export async function previewOf(io: TargetIO, before: Body, after: Body): Promise<PreviewResult> {
  if (io.kind !== 'provider') return { diff: diffOf(io, before, after) };
  let logs: LogEntry[] | undefined;
  let impactError: string | undefined;
  try {
    logs = await liveFor('the impact preview', () => io.logs(500, 0, 'live'));
  } catch (error) {
    impactError = errorText(error);
  }
  return {
    diff: diffIntegration(before, after, logs ? evidenceFromLogs(logs) : {}),
    ...(logs ? { impact: previewImpact(before, after, logs) } : {}),
    ...(impactError ? { impactError } : {}),
  };
}
