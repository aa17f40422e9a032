import { useEffect, useState, type ReactNode } from 'react';
import {
  STEP_TITLES,
  STEPS,
  statusWords,
  stepIndex,
  type ChangeState,
  type Step,
} from '../../../shared/domain/workflow';
import { Busy } from '../../ui/Busy';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { targetName } from '../../../shared/domain/names';
import { Time } from '../../ui/Time';
import { useWebhookList } from '../webhooks/use-webhooks';
import { Notice } from '../../ui/Notice';
import { useChange } from './change-store';
import { DamagedChangeCard, isDamagedRefusal } from './DamagedChangeCard';
import { ExportButtons } from './ExportButtons';
import { RollbackPanel } from './RollbackPanel';
import { RunbookCard } from './RunbookCard';
import { BaselineStep } from './steps/BaselineStep';
import { CloseStep } from './steps/CloseStep';
import { ConfigStep } from './steps/ConfigStep';
import { HealthStep } from './steps/HealthStep';
import { MonitorStep } from './steps/MonitorStep';
import { TestStep } from './steps/TestStep';
import { Timeline } from './Timeline';
import { AbandonChange } from './emergency/AbandonChange';

const BODY: Record<Step, (p: { s: ChangeState }) => ReactNode> = {
  baseline: BaselineStep,
  config: ConfigStep,
  test: TestStep,
  health: HealthStep,
  monitor: MonitorStep,
  close: CloseStep,
};

function phase(s: ChangeState, step: Step): 'done' | 'current' | 'pending' {
  if (s.completed[step] && step !== s.step) return 'done';
  if (step === s.step && s.open) return 'current';
  if (!s.open && step === 'close') return 'done';
  return stepIndex(step) < stepIndex(s.step) ? 'done' : 'pending';
}

/** One change: the six steps in order (only the current one is actionable), rollback, timeline, exports. */
export function ChangeDetail({ id }: { id: string }) {
  const { state: s, view, error, busy, legal, open, reload } = useChange();
  const { names } = useWebhookList(s && { connectionId: s.connectionId, siteId: s.siteId });
  useEffect(() => open(id), [id, open]);
  // "Restore snapshot first" in the Abandon dialog: a count of asks, tied to the change it was
  // asked on, that the Rollback panel answers by opening its restore confirmation.
  const [restoreAsk, setRestoreAsk] = useState<{ changeId: string; n: number }>();
  if (!s || s.id !== id)
    return isDamagedRefusal(error) ? (
      <DamagedChangeCard id={id} />
    ) : error ? (
      <ErrorNotice error={error} onRetry={reload} />
    ) : (
      <Busy busy label="Loading the change…" />
    );
  return (
    <>
      <header className="screen-head">
        <div>
          <h2 className="h1-like">{s.title ?? `Change on ${targetName(s.target, names)}`}</h2>
          <p className="small muted">
            {s.id} · {targetName(s.target, names)} · {s.operator || 'no operator name'} · started{' '}
            <Time at={s.startedAt} /> · {statusWords({ ...s, endedEarly: !!s.endedEarly })}
            {s.reason ? ` · reason: ${s.reason}` : ''}
            {s.ticket ? (
              <>
                {' '}
                · ticket{' '}
                <a href={s.ticket} target="_blank" rel="noreferrer">
                  {s.ticket}
                </a>
              </>
            ) : null}
          </p>
        </div>
        <div className="row">
          <ExportButtons scope={{ changeId: s.id }} label="Export this change" />
          {s.open && legal.includes('abandon') && (
            <AbandonChange
              s={s}
              webhookNames={names}
              {...(legal.includes('rollback')
                ? {
                    onRestoreFirst: () =>
                      setRestoreAsk((a) => ({
                        changeId: s.id,
                        n: a?.changeId === s.id ? a.n + 1 : 1,
                      })),
                  }
                : {})}
            />
          )}
          <a className="button" href="#/changes">
            Journal
          </a>
        </div>
      </header>
      {s.restoreOf && s.open && s.step === 'config' && (
        <Notice
          tone="info"
          title={s.title ?? `Restore of ${targetName(s.target, names)} v${s.restoreOf.version}`}
        >
          The draft is snapshot <a href={`#/snapshots/${s.target}`}>v{s.restoreOf.version}</a>
          {s.restoreOf.label ? ` (${s.restoreOf.label})` : ''}. Review the diff against the
          baseline, then Apply change: the provider test runs right after, then health and
          monitoring.
        </Notice>
      )}
      {view && !view.ownedHere && (
        <Notice tone="info" title={`Opened by ${s.operator} on another laptop`}>
          Synced from the team workspace: you can read and export it; its steps and rollbacks are
          theirs to take.
        </Notice>
      )}
      {busy && <Busy busy label={`${busy}…`} />}
      {error && <ErrorNotice error={error} />}
      {view?.problems.length ? (
        <p className="small step-fail">Journal problems: {view.problems.join('; ')}</p>
      ) : null}
      <ol className="stepper" aria-label="Change steps">
        {STEPS.map((step) => {
          const Body = BODY[step];
          const p = phase(s, step);
          return (
            <li
              key={step}
              className={`step step-${p}`}
              aria-current={p === 'current' ? 'step' : undefined}
            >
              <section aria-labelledby={`step-${step}`}>
                <h3 id={`step-${step}`}>{STEP_TITLES[step]}</h3>
                <span className="step-meta small muted">
                  {p === 'done' ? (
                    <>done {s.completed[step] && <Time at={s.completed[step]} />}</>
                  ) : p === 'current' ? (
                    'current step'
                  ) : (
                    'not yet'
                  )}
                </span>
                {p !== 'pending' && <Body s={s} />}
              </section>
            </li>
          );
        })}
      </ol>
      {s.open && legal.includes('rollback') && (
        <RollbackPanel
          restoreAsks={restoreAsk?.changeId === s.id ? restoreAsk.n : 0}
          connectionId={s.connectionId}
          siteId={s.siteId}
          target={s.target}
          changeId={s.id}
          runbook={view?.runbook}
          onDone={reload}
        />
      )}
      {view && s.open && <RunbookCard runbook={view.runbook} />}
      <Timeline
        entries={s.entries}
        target={s.target}
        webhookNames={names}
        commits={view?.commits}
      />
    </>
  );
}
