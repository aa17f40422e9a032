import { LazyLog } from '@melloware/react-logviewer';
import { useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { TailBatch } from '../../../shared/bridge/calls/tail';
import { LogModel } from '../../../renderer/features/logs/log-model';
import { LogView } from '../../../renderer/features/logs/LogView';
import '../../../renderer/app/styles.css';
import { asLine, SeededStream } from './stream';

// Same jitless zod as the app (its CSP forbids eval), so the parse cost measured is the app's.
(globalThis as { __zod_globalConfig?: Record<string, unknown> }).__zod_globalConfig = {
  jitless: true,
};

const q = new URLSearchParams(location.search);
const impl = q.get('impl') ?? 'ours';
const rate = Number(q.get('rate') ?? 1000);
const seconds = Number(q.get('seconds') ?? 10);
const buffer = Number(q.get('buffer') ?? 100_000);
const BATCH_HZ = 10; // what the tail engine delivers at most

interface BenchState {
  frames: number[];
  lafBlocking: number;
  arrivals: number[];
  fed: number;
  done: boolean;
  model?: LogModel;
  search?(text: string): number;
  regex?(include: string, exclude: string): number;
  fill?(n: number): Promise<void>;
  zodCost?(n: number): number;
}
const bench: BenchState = { frames: [], lafBlocking: 0, arrivals: [], fed: 0, done: false };
(window as unknown as { __bench: BenchState }).__bench = bench;

try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      bench.lafBlocking +=
        (e as PerformanceEntry & { blockingDuration: number }).blockingDuration ?? 0;
  }).observe({ type: 'long-animation-frame', buffered: false });
} catch {
  // Older Chromium without LoAF: blocking stays 0 and the report says so.
}

function frameLoop() {
  let last = performance.now();
  const tick = (t: number) => {
    bench.frames.push(t - last);
    last = t;
    if (!bench.done) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Time from a batch's arrival until its last line is in the DOM, checked each frame. */
function watchVisible(visible: () => boolean, start: number) {
  const check = () => {
    if (visible()) bench.arrivals.push(performance.now() - start);
    else if (performance.now() - start < 3000) requestAnimationFrame(check);
    else bench.arrivals.push(3000);
  };
  requestAnimationFrame(check);
}

function drive(feed: (n: number) => () => boolean) {
  const per = Math.round(rate / BATCH_HZ);
  const total = rate * seconds;
  let batches = 0;
  frameLoop();
  const timer = setInterval(() => {
    if (bench.fed >= total) {
      clearInterval(timer);
      setTimeout(() => (bench.done = true), 300);
      return;
    }
    const start = performance.now();
    const visible = feed(per);
    bench.fed += per;
    if (batches++ % 5 === 0) watchVisible(visible, start);
  }, 1000 / BATCH_HZ);
}

const merged = q.get('mode') === 'merged';

function Ours() {
  const [model] = useState(() => new LogModel(buffer));
  useEffect(() => {
    bench.model = model;
    const stream = new SeededStream(7);
    bench.search = (text) => {
      model.setFilter({ ...model.getFilter(), text });
      return model.lastFilterMs;
    };
    bench.regex = (include, exclude) => {
      model.setFilter({ ...model.getFilter(), text: '', include, exclude });
      return model.lastFilterMs;
    };
    bench.fill = async (n) => {
      for (let i = 0; i < n; i += 5000) {
        // Consecutive 5-second stretches ending now: in order, as a tail delivers them.
        const chunk = Math.min(5000, n - i);
        model.ingest('GA4', stream.next(chunk, n - i - chunk, 5000));
        await new Promise((r) => setTimeout(r, 0));
      }
    };
    bench.zodCost = (n) => {
      const batch = { tailId: 'tail_bench', entries: new SeededStream(9).next(n) };
      const wire = JSON.parse(JSON.stringify(batch)) as unknown;
      const t0 = performance.now();
      for (let i = 0; i < 10; i++) TailBatch.safeParse(wire);
      return (performance.now() - t0) / 10;
    };
    const late = new SeededStream(11);
    if (q.get('mode') !== 'static') {
      drive((n) => {
        // Merged: half the lines come from a second stream whose batches are 0.5-1.5 s late, so
        // every one of its batches is merged into the middle of the buffer, not appended.
        const entries = stream.next(merged ? n / 2 : n);
        if (merged) model.ingest('Meta', late.next(n / 2, 500 + Math.random() * 1000));
        model.ingest('GA4', entries);
        const seq = model.rows.last()?.seq ?? -1;
        return () => document.querySelector(`.log-scroller [data-seq="${seq}"]`) !== null;
      });
    }
  }, [model]);
  return <LogView model={model} title="GA4" showStream={merged} />;
}

/** The documented way to feed react-logviewer a growing log: the `text` prop, with follow. */
function Theirs() {
  const [text, setText] = useState('');
  useEffect(() => {
    const stream = new SeededStream(7);
    const lines: string[] = [];
    drive((n) => {
      const entries = stream.next(n);
      for (const e of entries) lines.push(asLine(e));
      if (lines.length > buffer) lines.splice(0, lines.length - buffer);
      setText(lines.join('\n'));
      const token = `#${entries[entries.length - 1]!.id} `;
      return () => document.querySelector('.react-lazylog')?.textContent?.includes(token) ?? false;
    });
  }, []);
  return (
    <div style={{ height: 600 }}>
      <LazyLog text={text || ' '} follow enableSearch extraLines={1} height={600} />
    </div>
  );
}

createRoot(document.getElementById('root')!).render(impl === 'theirs' ? <Theirs /> : <Ours />);
