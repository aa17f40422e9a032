/**
 * Window counts as a tiny hand-made SVG bar chart: no chart library in the initial bundle. The
 * numbers are in the accessible name and beside the bars, so nothing depends on seeing colour.
 */
export interface BarDatum {
  label: string;
  value: number;
  tone: 'ok' | 'bad' | 'warn' | 'muted' | 'test';
}

export function Bars({ data, label }: { data: BarDatum[]; label: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const summary = data.map((d) => `${d.label} ${d.value}`).join(', ');
  return (
    <div className="bars" role="img" aria-label={`${label}: ${summary}`}>
      {data.map((d) => (
        <div className="bar-row" key={d.label}>
          <span className="bar-label">{d.label}</span>
          <svg
            className="bar-svg"
            viewBox="0 0 100 8"
            preserveAspectRatio="none"
            aria-hidden="true"
          >
            <rect x="0" y="0" width="100" height="8" className="bar-track" />
            <rect
              x="0"
              y="0"
              width={(d.value / max) * 100}
              height="8"
              className={`bar-fill bar-${d.tone}`}
            />
          </svg>
          <span className="bar-value" data-count={d.label}>
            {d.value}
          </span>
        </div>
      ))}
    </div>
  );
}
