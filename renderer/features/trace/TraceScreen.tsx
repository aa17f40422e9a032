import { useCallback, useEffect, useState } from 'react';
import { traceMarkdown } from '../../../shared/domain/trace';
import { utcTime } from '../../../shared/domain/names';
import { targetKey, useTarget } from '../../app/target';
import { useRouter } from '../../app/router-store';
import { copyText } from '../../ui/copy-text';
import { ErrorNotice } from '../../ui/ErrorNotice';
import { Notice } from '../../ui/Notice';
import { useTimeZone, zonedTime } from '../../ui/time-zone';
import { destinationLabel } from './labels';
import { TraceForm, type TraceFormValues } from './TraceForm';
import { TraceProgressView } from './TraceProgressView';
import { TraceResultView } from './TraceResultView';
import { useTrace } from './use-trace';

/** `#/trace/event/<id>` or `#/trace/text/<text>` (from "Trace this event" on a log line). */
function fromRoute(segments: string[]): TraceFormValues | undefined {
  const [, kind, value] = segments;
  if (!value) return undefined;
  if (kind === 'event')
    return { query: { kind: 'eventId', eventId: value }, windowMinutes: 15, budget: 120 };
  if (kind === 'text')
    return { query: { kind: 'text', text: value }, windowMinutes: 15, budget: 120 };
  return undefined;
}

/** Where did one event go: its fate at every provider and webhook of the site. */
export default function TraceScreen() {
  const t = useTarget();
  const zone = useTimeZone();
  const segments = useRouter((s) => s.segments);
  const { running, progress, result, answered, error, run, cancel } = useTrace(t?.target);
  const [copied, setCopied] = useState<{ ok: boolean; text: string }>();
  const routed = fromRoute(segments);
  const routeKey = segments.slice(1).join('/');
  const clock = useCallback((iso: string | undefined) => zonedTime(iso, zone), [zone]);

  const start = useCallback(
    (v: TraceFormValues) => {
      setCopied(undefined);
      run(v);
    },
    [run],
  );

  // A route naming an event starts its trace once (not again when coming back to the screen).
  useEffect(() => {
    if (!routed || !t) return;
    const same = answered && JSON.stringify(answered.query) === JSON.stringify(routed.query);
    if (!same && !running) start(routed);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [routeKey, targetKey(t?.target)]);

  if (!t)
    return (
      <Notice tone="info" title="No site selected">
        Choose a site to trace its events.
      </Notice>
    );

  // Runs are kept per site (use-trace), so this is always this site's answer.
  const shown = result;
  const copy = async () => {
    if (!shown) return;
    // Tickets are read across zones: the Markdown carries the export format (UTC, with the date).
    const text = traceMarkdown(shown, { label: destinationLabel, time: utcTime, site: t.label });
    setCopied({ ok: await copyText(text), text });
  };

  return (
    <section className="screen trace-screen" aria-labelledby="trace-title">
      <header className="screen-head">
        <h1 id="trace-title">Trace an event</h1>
        {shown && !running && (
          <button type="button" onClick={() => void copy()}>
            Copy as Markdown
          </button>
        )}
      </header>
      <p className="muted">
        Where did one event go on {t.label}: sent, failed, retrying, filtered, skipped or test mode
        at each provider and webhook, with its log lines and exactly what was searched.
      </p>
      <TraceForm
        key={routeKey}
        initial={routed ?? answered}
        running={running !== undefined}
        onRun={start}
        onCancel={cancel}
      />
      {running && <TraceProgressView progress={progress} label={destinationLabel} clock={clock} />}
      {error && <ErrorNotice error={error} />}
      {copied && (
        <Notice
          tone={copied.ok ? 'success' : 'warning'}
          title={
            copied.ok
              ? 'Copied the trace as Markdown.'
              : 'The clipboard was refused: the Markdown is below.'
          }
        />
      )}
      {copied && !copied.ok && (
        <textarea
          className="copy-area"
          readOnly
          value={copied.text}
          aria-label="Trace as Markdown"
        />
      )}
      {shown && !running && <TraceResultView result={shown} clock={clock} />}
    </section>
  );
}
