import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/** A TCP socket to 127.0.0.1 with everything it has received kept in one growing buffer. */
export class RawSocket {
  received = Buffer.alloc(0);
  ended = false;

  private constructor(readonly socket: Socket) {
    socket.on('data', (c: Buffer) => (this.received = Buffer.concat([this.received, c])));
    socket.on('end', () => (this.ended = true));
    socket.on('close', () => (this.ended = true));
    socket.on('error', () => (this.ended = true));
  }

  static open(port: number): Promise<RawSocket> {
    return new Promise((ok, fail) => {
      const s = connect(port, '127.0.0.1', () => ok(new RawSocket(s)));
      s.once('error', fail);
    });
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((ok, fail) => this.socket.write(data, (e) => (e ? fail(e) : ok())));
  }

  /** The HTTP head of the answer, once it has fully arrived (else undefined). */
  head(): string | undefined {
    const end = this.received.indexOf('\r\n\r\n');
    return end < 0 ? undefined : this.received.subarray(0, end).toString('latin1');
  }

  destroy(): void {
    this.socket.destroy();
  }
}

/** The client's half of a WebSocket handshake, written by hand. */
export function upgradeRequest(port: number, headers: Record<string, string>): string {
  const extra = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join('');
  return (
    `GET /bridge HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`
  );
}

/** A masked text frame, as a client must send (RFC 6455 section 5.2). */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const mask = randomBytes(4);
  const len = payload.length;
  const head =
    len < 126
      ? Buffer.from([0x81, 0x80 | len])
      : len < 65536
        ? Buffer.from([0x81, 0x80 | 126, len >> 8, len & 0xff])
        : Buffer.concat([Buffer.from([0x81, 0x80 | 127]), bigLength(len)]);
  const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([head, mask, body]);
}

function bigLength(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return b;
}

export interface Frame {
  opcode: number;
  payload: Buffer;
}

/** Server frames (unmasked) in `data`, as far as they are complete. */
export function parseFrames(data: Buffer): Frame[] {
  const frames: Frame[] = [];
  let at = 0;
  while (at + 2 <= data.length) {
    const opcode = data[at]! & 0x0f;
    let len = data[at + 1]! & 0x7f;
    let headLen = 2;
    if (len === 126) {
      if (at + 4 > data.length) break;
      len = data.readUInt16BE(at + 2);
      headLen = 4;
    } else if (len === 127) {
      if (at + 10 > data.length) break;
      len = Number(data.readBigUInt64BE(at + 2));
      headLen = 10;
    }
    if (at + headLen + len > data.length) break;
    frames.push({ opcode, payload: data.subarray(at + headLen, at + headLen + len) });
    at += headLen + len;
  }
  return frames;
}
