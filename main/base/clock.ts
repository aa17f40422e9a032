/**
 * Time as the pollers (tails, the change monitor) see it. Injected so unit tests run hours of
 * polling in milliseconds, and so no poller reads Date.now or setTimeout behind the tests' back.
 */
export interface Clock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A poller must never keep the process (browser mode, a test run) alive on its own.
    t.unref?.();
    return t;
  },
  clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
