import { events, type ClientId, type Emit, type EventName } from '../../shared/bridge';

/** A transport's end of the hub; `to` set means "only this client", and the sink must honour it. */
export type EventSink = (name: EventName, payload: unknown, to: ClientId | undefined) => void;

/** Fan-out of bridge events to whichever transports are attached (windows, sockets). */
export class EventHub {
  private readonly sinks = new Set<EventSink>();

  attach(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => this.sinks.delete(sink);
  }

  readonly emit: Emit = (name, payload, to) => {
    // Events are validated on the way out too: a malformed event is a bug, never sent.
    const parsed = events[name].safeParse(payload);
    if (!parsed.success) {
      console.error(`[bridge] dropped invalid event ${name}`);
      return;
    }
    for (const sink of this.sinks) sink(name, parsed.data, to);
  };
}
