import { events, type CallContext, type EventName } from '../../shared/bridge';

export type EventSink = (name: EventName, payload: unknown) => void;

/** Fan-out of bridge events to whichever transports are attached (window, sockets). */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  attach(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  readonly emit: CallContext['emit'] = (name, payload) => {
    // Events are validated on the way out too: a malformed event is a bug, never sent.
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      console.error(`[bridge] dropped invalid event ${name}`);
      return;
    }
    for (const sink of this.sinks) sink(name, parsed.data);
  };

  get context(): CallContext {
    return { emit: this.emit };
  }
}
