/**
 * Every simulated delay goes through here, so `close()` can cancel all of them at once and tests
 * exit cleanly with no stray timers.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  after(ms: number, fn: () => void): void {
    if (this.closed) return;
    const t = setTimeout(
      () => {
        this.timers.delete(t);
        if (!this.closed) fn();
      },
      Math.max(0, ms),
    );
    this.timers.add(t);
  }

  every(ms: number, fn: () => void): void {
    if (this.closed) return;
    const t = setInterval(() => {
      if (!this.closed) fn();
    }, ms);
    this.timers.add(t);
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      this.after(ms, resolve);
    });
  }

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}
