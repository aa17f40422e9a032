import { CancelledByOperator } from './errors';

/** In-flight calls by the renderer's `requestId`, so `api.cancel` can abort them. */
export class CancelRegistry {
  private readonly live = new Map<string, Set<AbortController>>();

  open(requestId: string | undefined): { signal: AbortSignal; close(): void } {
    const controller = new AbortController();
    if (requestId === undefined) return { signal: controller.signal, close: () => undefined };
    const set = this.live.get(requestId) ?? new Set<AbortController>();
    set.add(controller);
    this.live.set(requestId, set);
    return {
      signal: controller.signal,
      close: () => {
        set.delete(controller);
        if (set.size === 0 && this.live.get(requestId) === set) this.live.delete(requestId);
      },
    };
  }

  /** true when something was in flight under that id. */
  cancel(requestId: string): boolean {
    const set = this.live.get(requestId);
    if (!set) return false;
    for (const c of set) c.abort(new CancelledByOperator());
    this.live.delete(requestId);
    return true;
  }
}
