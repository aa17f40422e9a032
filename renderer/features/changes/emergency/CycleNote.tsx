import type { Runbook } from '../../../../shared/domain/workflow';
import { minutesWords } from '../../../../shared/domain/workflow/describe';

/**
 * Before Apply: how long monitoring will hold this change. An undocumented runbook's default says
 * so and where to change it, so nobody learns about a 24 h window after applying.
 */
export function CycleNote({ runbook }: { runbook: Runbook | undefined }) {
  if (!runbook) return null;
  const cycle = minutesWords(runbook.businessCycleMinutes);
  return (
    <p className="small muted" data-testid="cycle-note">
      Monitoring after Apply: {cycle}
      {runbook.saved ? (
        ' (the business cycle in the runbook).'
      ) : (
        <>
          : the default, this target has no runbook yet.{' '}
          <a href={`#/runbooks/${encodeURIComponent(runbook.target)}`}>Edit the runbook</a> to
          change it.
        </>
      )}
    </p>
  );
}
