import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  ClientFrame,
  type CallContext,
  type ClientId,
  type Handlers,
  type ServerFrame,
} from '../../shared/bridge';
import { dispatch } from './dispatch';
import type { EventHub } from './event-hub';
import { SocketFlow, type FlowLimits, type FlowStats } from './socket-flow';

/** Room for the largest legitimate input (a 5 MB snapshot bundle, JSON-escaped), no more. */
const MAX_FRAME_BYTES = 12 * 1024 * 1024;

/**
 * The browser-mode bridge: one WebSocket per tab, calls dispatched exactly as under Electron. Each
 * socket is one client: its calls carry its id, events addressed to another client never reach
 * it, and when it closes `clientGone` ends what it subscribed to.
 */
export function createBridgeSocket(
  handlers: Handlers,
  hub: EventHub,
  clientGone: (client: ClientId) => void = () => undefined,
  limits: Partial<FlowLimits> = {},
) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const flows = new Set<SocketFlow>();
  let clients = 0;
  let closedForBackpressure = 0;

  wss.on('connection', (socket: WebSocket) => {
    const ctx: CallContext = { client: `tab-${++clients}` };
    const flow = new SocketFlow(socket, limits, () => closedForBackpressure++);
    flows.add(flow);
    // Every send handles its own failure: an answer that cannot be serialized becomes an error
    // answer, an event that cannot is dropped and logged; neither may reject unhandled.
    const answer = (id: number, result: ServerFrame & { id: number }) => {
      if (!flow.send(serialize(result) ?? serialize(unsendable(id))!, flow.settle)) flow.settle();
    };
    const detach = hub.attach((event, payload, to) => {
      if (to !== undefined && to !== ctx.client) return;
      const text = serialize({ event, payload });
      if (text === undefined) console.error(`[bridge] dropped event ${event}: not serializable`);
      else flow.send(text);
    });
    let gone = false;
    const leave = () => {
      if (gone) return;
      gone = true;
      detach();
      flows.delete(flow);
      clientGone(ctx.client);
    };
    socket.on('message', (data, isBinary) => {
      if (!flow.open) return;
      if (isBinary) return socket.close(1003, 'text frames only');
      let frame: ClientFrame;
      try {
        const parsed = ClientFrame.safeParse(JSON.parse((data as Buffer).toString('utf8')));
        if (!parsed.success) return socket.close(1008, 'malformed frame');
        frame = parsed.data;
      } catch {
        return socket.close(1008, 'malformed frame');
      }
      // Answers not yet handed to the network count as in flight: a tab that stops reading
      // cannot make main queue answers without bound.
      if (!flow.admit()) {
        flow.send(
          serialize({
            id: frame.id,
            result: {
              ok: false,
              error: { kind: 'internal', message: 'Too many requests in flight; retry.' },
            },
          })!,
        );
        return;
      }
      dispatch(handlers, frame.call, frame.input, ctx).then(
        (result) => answer(frame.id, { id: frame.id, result }),
        (error: unknown) => {
          console.error('[bridge] dispatch failed:', error);
          answer(frame.id, unsendable(frame.id));
        },
      );
    });
    socket.on('close', leave);
    socket.on('error', leave);
  });

  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    stats(): FlowStats & { sockets: number; closedForBackpressure: number } {
      let inFlight = 0;
      let bufferedBytes = 0;
      for (const f of flows) {
        inFlight += f.inFlight;
        bufferedBytes += f.buffered;
      }
      return { sockets: flows.size, inFlight, bufferedBytes, closedForBackpressure };
    },
    close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

function serialize(frame: ServerFrame): string | undefined {
  try {
    return JSON.stringify(frame);
  } catch (error) {
    console.error('[bridge] a frame could not be serialized:', error);
    return undefined;
  }
}

function unsendable(id: number): ServerFrame & { id: number } {
  return {
    id,
    result: {
      ok: false,
      error: { kind: 'internal', message: 'The answer could not be sent; see the app log.' },
    },
  };
}
