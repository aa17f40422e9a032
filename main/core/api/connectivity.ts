import type { Emit } from '../../../shared/bridge';

/**
 * Reachability per connection, from the outcome of real calls (no extra polling). An event is
 * emitted only on a flip, so the renderer's offline banner appears and clears exactly once.
 */
export class ConnectivityTracker {
  private readonly state = new Map<string, { online: boolean; since: string }>();
  constructor(
    private readonly now: () => number,
    private readonly emit: Emit,
  ) {}

  report(connectionId: string, online: boolean, message?: string): void {
    const prev = this.state.get(connectionId);
    // Unknown counts as online: the first success says nothing new, the first failure does.
    const wasOnline = prev?.online ?? true;
    const since = new Date(this.now()).toISOString();
    if (wasOnline === online) {
      if (!prev) this.state.set(connectionId, { online, since });
      return;
    }
    this.state.set(connectionId, { online, since });
    this.emit('connectivity.changed', {
      connectionId,
      online,
      since,
      ...(message ? { message } : {}),
    });
  }

  forget(connectionId?: string): void {
    if (connectionId === undefined) this.state.clear();
    else this.state.delete(connectionId);
  }
}
