import {
  BridgeResult as BridgeResultSchema,
  calls,
  events,
  ServerFrameSchema,
  type BridgeError,
  type BridgeResult,
  type CallInput,
  type CallName,
  type CallOutput,
  type EventName,
  type EventPayload,
  type OpsGlobal,
} from '../shared/bridge';

/** How calls reach main: Electron's preload (`window.ops`) or browser mode's WebSocket. */
interface Transport {
  invoke(name: CallName, input: unknown): Promise<unknown>;
  subscribe(name: EventName, listener: (payload: unknown) => void): () => void;
}

declare global {
  interface Window {
    ops?: OpsGlobal;
  }
}

const lost = (message: string): BridgeResult<never> => ({
  ok: false,
  error: { kind: 'internal', message },
});

function electronTransport(global: OpsGlobal): Transport {
  return {
    invoke: (name, input) => global.invoke[name](input),
    subscribe: (name, listener) => global.subscribe[name](listener),
  };
}

/** Browser mode: one socket, reconnecting with backoff; calls wait for it, events fan out locally. */
function socketTransport(url: string): Transport {
  let socket: WebSocket | undefined;
  let opened: Promise<WebSocket> | undefined;
  let nextId = 1;
  let retryMs = 250;
  const pending = new Map<number, (result: unknown) => void>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        retryMs = 250;
        resolve(ws);
      };
      ws.onmessage = (message) => {
        let frame: unknown;
        try {
          frame = JSON.parse(String(message.data));
        } catch {
          return;
        }
        const parsed = ServerFrameSchema.safeParse(frame);
        if (!parsed.success) return;
        const data = parsed.data;
        if ('id' in data) {
          pending.get(data.id)?.(data.result);
          pending.delete(data.id);
        } else {
          listeners.get(data.event)?.forEach((l) => l(data.payload));
        }
      };
      ws.onclose = () => {
        const wasOpen = socket === ws;
        socket = undefined;
        opened = undefined;
        for (const [, settle] of pending)
          settle(lost('Lost the connection to the Integration Ops core; reconnecting.'));
        pending.clear();
        if (!wasOpen) reject(new Error('bridge socket closed'));
        // Reconnect in the background so events resume; calls reconnect on demand too.
        setTimeout(() => void connect().catch(() => undefined), retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      };
    });
    return opened;
  }
  void connect().catch(() => undefined);

  return {
    async invoke(name, input) {
      let ws: WebSocket;
      try {
        ws = socket ?? (await connect());
      } catch {
        return lost('The Integration Ops core is not reachable. Is browser mode still running?');
      }
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        ws.send(JSON.stringify({ id, call: name, input }));
      });
    },
    subscribe(name, listener) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

function pickTransport(): Transport {
  if (window.ops) return electronTransport(window.ops);
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return socketTransport(`${proto}//${location.host}/bridge`);
}

const transport = pickTransport();

/**
 * The typed bridge client. Answers are validated against the table again on this side: the
 * renderer trusts the schema, not the transport.
 */
export async function call<K extends CallName>(
  name: K,
  input: CallInput<K>,
): Promise<BridgeResult<CallOutput<K>>> {
  const raw = await transport.invoke(name, input);
  const envelope = BridgeResultSchema.safeParse(raw);
  if (!envelope.success) return lost(`Malformed answer from the core for ${name}.`);
  if (!envelope.data.ok) return envelope.data;
  const value = calls[name].output.safeParse(envelope.data.value);
  if (!value.success) return lost(`The answer to ${name} did not match its schema.`);
  return { ok: true, value: value.data as CallOutput<K> };
}

/** Like `call`, but throws a `BridgeFailure` (for code that prefers try/catch). */
export async function request<K extends CallName>(
  name: K,
  input: CallInput<K>,
): Promise<CallOutput<K>> {
  const result = await call(name, input);
  if (!result.ok) throw new BridgeFailure(result.error);
  return result.value;
}

export class BridgeFailure extends Error {
  constructor(readonly error: BridgeError) {
    super(error.message);
    this.name = 'BridgeFailure';
  }
}

export function on<E extends EventName>(
  name: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  return transport.subscribe(name, (payload) => {
    const parsed = events[name].safeParse(payload);
    if (parsed.success) listener(parsed.data as EventPayload<E>);
  });
}
