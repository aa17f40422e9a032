import { LazyLog } from '@melloware/react-logviewer';
import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { TailBatch } from '../../../shared/bridge/calls/tail';
import { LogModel } from '../../../renderer/features/logs/log-model';
import { LogView } from '../../../renderer/features/logs/LogView';
import '../../../renderer/app/styles.css';
import { queryClient } from '../../../renderer/data/query-client';
import { queryKeyOf } from '../../../renderer/data/keys';
import { Settings } from '../../../shared/bridge';
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

/**
 * Time from a batch's arrival until its last line is in the DOM. Each frame only notes its time;
 * the DOM probe runs in a task of its own right after the frame, so the probe's cost never lands
 * inside the frame callback whose duration is being measured (for either view).
 */
function watchVisible(visible: () => boolean, start: number) {
  const onFrame = () => {
    const frameAt = performance.now();
    setTimeout(() => {
      if (visible()) bench.arrivals.push(frameAt - start);
      else if (frameAt - start < 3000) requestAnimationFrame(onFrame);
      else bench.arrivals.push(3000);
    }, 0);
  };
  requestAnimationFrame(onFrame);
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
        // Visible = the newest rendered row is this batch's last line or a later one (at 10,000
        // lines/s the next batch may already have pushed it up by the time the probe runs).
        return () => {
          let newest = -1;
          for (const row of document.querySelectorAll<HTMLElement>('.log-scroller [data-seq]'))
            newest = Math.max(newest, Number(row.dataset.seq));
          return newest >= seq;
        };
      });
    }
  }, [model]);
  return <LogView model={model} title="GA4" showStream={merged} />;
}

/**
 * react-logviewer fed the way its docs prescribe for a growing log: `external` mode, the parent
 * holding a ref and calling `appendLines()` with each batch (not the whole text re-joined). Its
 * probe looks at the few rendered rows from the bottom (the list is virtualized), not at the
 * text of the whole list.
 */
function Theirs() {
  const ref = useRef<LazyLog>(null);
  useEffect(() => {
    const stream = new SeededStream(7);
    drive((n) => {
      const entries = stream.next(n);
      ref.current?.appendLines(entries.map(asLine));
      const last = entries[entries.length - 1]!.id;
      // Same rule as ours: the newest rendered line is this batch's last one or a later one.
      return () => {
        const rows = document.querySelectorAll('.react-lazylog .log-line');
        for (let i = rows.length - 1; i >= Math.max(0, rows.length - 8); i--) {
          const id = /#(\d+) /.exec(rows[i]!.textContent ?? '')?.[1];
          if (id) return Number(id) >= last;
        }
        return false;
      };
    });
  }, []);
  return (
    <div style={{ height: 600 }}>
      <LazyLog ref={ref} external follow enableSearch extraLines={1} height={600} />
    </div>
  );
}

// The log view reads the settings (time zone, buffer) from the query cache, as in the app; the
// page has no bridge, so the defaults are put there.
queryClient.setQueryData(queryKeyOf('settings.get', {}), Settings.parse({}));
createRoot(document.getElementById('root')!).render(
  <QueryClientProvider client={queryClient}>
    {impl === 'theirs' ? <Theirs /> : <Ours />}
  </QueryClientProvider>,
);
