import type { WebSocket } from 'ws';

export interface FlowLimits {
  /** Calls of one socket running or answered but not yet handed to the network. */
  maxInFlight: number;
  /** Bytes waiting to be sent to one socket; past this the socket is closed (1013). */
  maxBufferedBytes: number;
}

export interface FlowStats {
  inFlight: number;
  bufferedBytes: number;
}

const DEFAULTS: FlowLimits = { maxInFlight: 64, maxBufferedBytes: 32 * 1024 * 1024 };
/** "Try Again Later": the client is too slow, not wrong; it may reconnect. */
export const CLOSE_SLOW_READER = 1013;

/**
 * Backpressure for one bridge socket. A call stays in flight until its answer has left for the
 * network (ws's send callback), so a client that sends calls but stops reading hits the in-flight
 * cap instead of making main buffer answers; anything else it will not read (events) is bounded
 * by the byte budget, past which the socket is closed with 1013 and a reason.
 */
export class SocketFlow {
  inFlight = 0;
  private readonly limits: FlowLimits;
  private closing = false;

  constructor(
    private readonly socket: WebSocket,
    limits: Partial<FlowLimits>,
    private readonly onSlowReaderClosed: () => void,
  ) {
    this.limits = { ...DEFAULTS, ...limits };
  }

  get open(): boolean {
    return !this.closing && this.socket.readyState === this.socket.OPEN;
  }

  get buffered(): number {
    return this.socket.bufferedAmount;
  }

  /** Takes a slot for a new call, or refuses (false) when the socket has too many. */
  admit(): boolean {
    if (this.inFlight >= this.limits.maxInFlight) return false;
    this.inFlight++;
    return true;
  }

  /** Frees a call's slot; given to `send` as its callback so it runs once the answer is out. */
  readonly settle = (): void => {
    this.inFlight = Math.max(0, this.inFlight - 1);
  };

  /** Sends unless the socket is closing or over its budget; false when nothing was sent. */
  send(text: string, sent?: () => void): boolean {
    if (!this.open) return false;
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) {
      this.closing = true;
      this.onSlowReaderClosed();
      this.socket.close(
        CLOSE_SLOW_READER,
        'closed: the client stopped reading (send buffer over budget)',
      );
      return false;
    }
    this.socket.send(text, sent ? () => sent() : undefined);
    return true;
  }
}
