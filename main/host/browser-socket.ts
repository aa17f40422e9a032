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

/** Room for the largest legitimate input (a 5 MB snapshot bundle, JSON-escaped), no more. */
const MAX_FRAME_BYTES = 12 * 1024 * 1024;
/** Calls one tab may have in flight; beyond that a frame is refused rather than queued. */
const MAX_IN_FLIGHT = 64;

/**
 * The browser-mode bridge: one WebSocket per tab, calls dispatched exactly as under Electron. Each
 * socket is one client: its calls carry its id, events addressed to another client never reach
 * it, and when it closes `clientGone` ends what it subscribed to.
 */
export function createBridgeSocket(
  handlers: Handlers,
  hub: EventHub,
  clientGone: (client: ClientId) => void = () => undefined,
) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let clients = 0;

  wss.on('connection', (socket: WebSocket) => {
    const ctx: CallContext = { client: `tab-${++clients}` };
    const send = (frame: ServerFrame) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    const detach = hub.attach((event, payload, to) => {
      if (to === undefined || to === ctx.client) send({ event, payload });
    });
    let gone = false;
    const leave = () => {
      if (gone) return;
      gone = true;
      detach();
      clientGone(ctx.client);
    };
    let inFlight = 0;
    socket.on('message', (data, isBinary) => {
      if (isBinary) return socket.close(1003, 'text frames only');
      let frame: ClientFrame;
      try {
        const parsed = ClientFrame.safeParse(JSON.parse((data as Buffer).toString('utf8')));
        if (!parsed.success) return socket.close(1008, 'malformed frame');
        frame = parsed.data;
      } catch {
        return socket.close(1008, 'malformed frame');
      }
      if (inFlight >= MAX_IN_FLIGHT) {
        return send({
          id: frame.id,
          result: {
            ok: false,
            error: { kind: 'internal', message: 'Too many requests in flight; retry.' },
          },
        });
      }
      inFlight++;
      void dispatch(handlers, frame.call, frame.input, ctx)
        .then((result) => send({ id: frame.id, result }))
        .finally(() => inFlight--);
    });
    socket.on('close', leave);
    socket.on('error', leave);
  });

  return {
    upgrade(req: IncomingMessage, socket: Duplex, head: Buffer) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close(): Promise<void> {
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}
