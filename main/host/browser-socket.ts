import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientFrame, type CallContext, type Handlers, type ServerFrame } from '../../shared/bridge';
import { dispatch } from './dispatch';
import type { EventHub } from './event-hub';

/** Large enough for a big config import, small enough that a hostile frame cannot exhaust memory. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;

/** The browser-mode bridge: one WebSocket per tab, calls dispatched exactly as under Electron. */
export function createBridgeSocket(handlers: Handlers, hub: EventHub) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });

  wss.on('connection', (socket: WebSocket) => {
    const send = (frame: ServerFrame) => {
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
    };
    const detach = hub.attach((event, payload) => send({ event, payload }));
    const ctx: CallContext = hub.context;
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
      void dispatch(handlers, frame.call, frame.input, ctx).then((result) => send({ id: frame.id, result }));
    });
    socket.on('close', detach);
    socket.on('error', detach);
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
