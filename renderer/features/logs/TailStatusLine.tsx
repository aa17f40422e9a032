import { displayTime } from '../../../shared/domain/names';
import type { TailInfo } from './use-tail';

function describe(t: TailInfo): { text: string; tone: 'ok' | 'warn' | 'bad' } {
  if (t.startError) return { text: `could not start: ${t.startError.message}`, tone: 'bad' };
  const s = t.status;
  if (!s) return { text: 'starting…', tone: 'ok' };
  const next = s.nextPollAt ? ` · next poll ${displayTime(s.nextPollAt)}` : '';
  if (s.state === 'rate_limited')
    return { text: `rate limited by the API${next}: ${s.error?.message ?? ''}`, tone: 'warn' };
  if (s.state === 'backoff')
    return {
      text: `failing, retrying with backoff${next}: ${s.error?.message ?? ''}`,
      tone: 'bad',
    };
  if (s.state === 'hidden') return { text: `window hidden, polling slowly${next}`, tone: 'ok' };
  return { text: `${s.state}${next}`, tone: 'ok' };
}

/** One line per tail: live, idle, rate limited or failing, never a silent stop. */
export function TailStatusLine({ tails }: { tails: TailInfo[] }) {
  return (
    <ul className="tail-status" aria-label="Tail status">
      {tails.map((t) => {
        const d = describe(t);
        return (
          // The alert role sits inside the item: on the <li> itself it would stop being a list item.
          <li key={t.key} className={`tone-${d.tone}`}>
            <span role={d.tone === 'bad' ? 'alert' : undefined}>
              <strong>{t.label}</strong> {d.text}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
