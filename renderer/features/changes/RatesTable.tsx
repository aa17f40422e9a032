import type { RateWindow } from '../../../shared/domain/anomaly';

const KEYS = ['sent', 'failed', 'filtered', 'skipped'] as const;
const perMin = (n: number, m: number) => (m > 0 ? `${(n / m).toFixed(1)}/min` : '—');
const share = (n: number, t: number) => (t > 0 ? `${((n / t) * 100).toFixed(0)}%` : '—');

/** Rates of the monitoring window against the baseline window, per status. */
export function RatesTable({ baseline, observed }: { baseline: RateWindow; observed: RateWindow }) {
  return (
    <table className="table" data-testid="rates">
      <caption className="visually-hidden">Rates against the baseline</caption>
      <thead>
        <tr>
          <th scope="col">Status</th>
          <th scope="col">Baseline</th>
          <th scope="col">Now</th>
        </tr>
      </thead>
      <tbody>
        {KEYS.map((k) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>
              {perMin(baseline.counts[k], baseline.minutes)} (
              {share(baseline.counts[k], baseline.counts.total)})
            </td>
            <td>
              {perMin(observed.counts[k], observed.minutes)} (
              {share(observed.counts[k], observed.counts.total)})
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
