import { lazy, Suspense } from 'react';
import {
  GAP_ANOMALY_AFTER_MS,
  MAX_GAP_SHARE,
  MONITOR_VERDICT_LABELS,
  minutesWords,
  monitorVerdict,
  type ChangeState,
} from '../../../../shared/domain/workflow';
import { displayDateTime } from '../../../../shared/domain/names';
import { AcknowledgeCard } from '../emergency/AcknowledgeCard';
import { EndMonitoringEarly } from '../emergency/EndMonitoringEarly';
import { ProviderKey } from '../../../../shared/contract';
import { clock } from '../../../ui/format';
import { useNow } from '../../../ui/use-now';
import { useChange } from '../change-store';
import { RatesTable } from '../RatesTable';
import { RunbookCard } from '../RunbookCard';

const LogPanel = lazy(() => import('../../logs/LogPanel'));

const mins = minutesWords;

/**
 * Monitor: main polls the logs for the whole window (it goes on if this screen closes); here the
 * live rates against the baseline, the anomalies, this provider's live log and the runbook.
 */
export function MonitorStep({ s }: { s: ChangeState }) {
  const run = useChange((x) => x.run);
  const legal = useChange((x) => x.legal);
  const progress = useChange((x) => x.monitor);
  const runbook = useChange((x) => x.view?.runbook);
  const now = useNow(1000);
  const m = s.monitor;
  const provider = ProviderKey.safeParse(s.target);
  const hook = s.target.startsWith('webhook:') ? s.target.slice(8) : undefined;
  return (
    <div className="step-body">
      {legal.includes('start_monitoring') && (
        <div className="row">
          <button
            type="button"
            className="primary"
            onClick={() => void run('Monitoring', 'changes.startMonitoring', { changeId: s.id })}
          >
            Start monitoring
          </button>
          <span className="small muted">
            For one business cycle ({runbook ? mins(runbook.businessCycleMinutes) : '24 h'} in the
            runbook; never less than the minimum in Settings).
          </span>
        </div>
      )}
      {m && (
        <p role="status" data-testid="monitor-status">
          {m.summary
            ? `${m.summary.endedEarly ? 'Monitoring ended early' : MONITOR_VERDICT_LABELS[monitorVerdict(m.summary)]} at ${clock(m.summary.endedAt)}: ${m.summary.observed.counts.total} events watched over ${mins(m.summary.windowMinutes)}${m.summary.gaps.length ? `; the logs could not be read for ${Math.round(m.summary.gapShare * 100)}% of it` : ''}.`
            : `Monitoring until ${displayDateTime(m.endsAt)} (${mins(Math.max(0, (Date.parse(m.endsAt) - now) / 60_000))} left); it keeps running while you work elsewhere.`}
        </p>
      )}
      {legal.includes('end_monitoring') && (
        <div className="row">
          <EndMonitoringEarly s={s} />
          <span className="small muted">
            Incident? End the window now with a reason; the change is recorded as ended early.
          </span>
        </div>
      )}
      {s.endedEarly && (
        <p className="step-fail" data-testid="ended-early">
          Monitoring ended early at {clock(s.endedEarly.at)}: {s.endedEarly.reason}
          {s.endedEarly.ticket ? (
            <>
              {' '}
              (ticket{' '}
              <a href={s.endedEarly.ticket} target="_blank" rel="noreferrer">
                {s.endedEarly.ticket}
              </a>
              )
            </>
          ) : null}
          .
        </p>
      )}
      {m && !m.summary && progress?.unreachableSince && (
        <p className="step-fail" role="alert" data-testid="monitor-unreachable">
          Logs unreachable since {clock(progress.unreachableSince)}: this time is not being watched.
          It becomes an anomaly after {GAP_ANOMALY_AFTER_MS / 60_000} minutes, and a window with
          more than {MAX_GAP_SHARE * 100}% of it unwatched ends as “Monitoring incomplete”.
        </p>
      )}
      {s.anomalies.length > 0 && (
        <ul className="impact-flags" aria-label="Anomalies" data-testid="anomalies">
          {s.anomalies.map((a, i) => (
            <li key={i} className="flag-bad">
              {a.message}
            </li>
          ))}
        </ul>
      )}
      <AcknowledgeCard s={s} />
      {m?.summary ? (
        <RatesTable baseline={m.summary.baseline} observed={m.summary.observed} />
      ) : (
        progress && <RatesTable baseline={progress.baseline} observed={progress.observed} />
      )}
      {progress?.lastError && (
        <p className="small step-fail">Last poll failed: {progress.lastError}</p>
      )}
      {m && !m.summary && runbook && <RunbookCard runbook={runbook} />}
      {m && !m.summary && (provider.success || hook) && (
        <Suspense
          fallback={
            <p className="muted" role="status">
              Loading the live log…
            </p>
          }
        >
          <LogPanel
            connectionId={s.connectionId}
            siteId={s.siteId}
            stream={
              provider.success
                ? { kind: 'provider', provider: provider.data }
                : { kind: 'webhook', webhookId: hook! }
            }
            compact
            title={`${s.target} live log`}
          />
        </Suspense>
      )}
    </div>
  );
}
