/**
 * Serial sections by key: `run(key, fn)` starts `fn` only after every earlier task on the same key
 * has settled, whatever its outcome; different keys run concurrently. A failing task never blocks
 * the queue behind it.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    const settled = next.catch(() => undefined);
    this.tails.set(key, settled);
    // The last task of a key removes its entry, so a long-running app does not keep every key.
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return next;
  }
}
