import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startBrowserServer, type RunningBrowserServer } from '../../../main/host/browser-server';
import { EventHub } from '../../../main/host/event-hub';
import type { Handlers } from '../../../shared/bridge';
import { eventually } from '../../fakes/poll';
import { parseFrames, RawSocket, textFrame, upgradeRequest } from './raw-socket';

// Issue 13 case 6: a client that sent calls and stopped reading made the server buffer 3,141
// answers (336 MB). Answers waiting to be sent now count as in flight, and a socket over its
// buffer budget is closed with 1013.
const ANSWER_BYTES = 1024 * 1024;
const LIMITS = { maxInFlight: 8, maxBufferedBytes: 4 * 1024 * 1024 };
const CALL = { call: 'changes.export', input: { format: 'json', changeId: 'chg-1' } };

let server: RunningBrowserServer;
let cookie: string;
let handled = 0;
let staticDir: string;

beforeAll(async () => {
  staticDir = mkdtempSync(join(tmpdir(), 'ops-static-'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>x</title>');
  const big = 'x'.repeat(ANSWER_BYTES);
  const handlers = new Proxy({} as Handlers, {
    get: (_t, name) =>
      name === 'changes.export'
        ? () => {
            handled++;
            return Promise.resolve({
              fileName: 'a.json',
              mime: 'application/json',
              text: big,
              count: 1,
            });
          }
        : () => Promise.resolve({}),
  });
  server = await startBrowserServer({
    port: 0,
    staticDir,
    handlers,
    hub: new EventHub(),
    flow: LIMITS,
  });
  cookie = await new Promise<string>((ok, fail) => {
    request(server.launchUrl, (res) => {
      res.resume();
      ok(String(res.headers['set-cookie']).split(';')[0]!);
    })
      .on('error', fail)
      .end();
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(staticDir, { recursive: true, force: true });
});

describe('a bridge client that sends calls but stops reading', () => {
  it(
    'cannot make main buffer answers without bound: capped, then closed with 1013',
    { timeout: 60_000 },
    async () => {
      const raw = await RawSocket.open(server.port);
      await raw.write(upgradeRequest(server.port, { Origin: server.origin, Cookie: cookie }));
      const head = await eventually(() => raw.head(), { what: 'the upgrade answer' });
      expect(head).toMatch(/^HTTP\/1\.1 101/);
      const headLength = Buffer.byteLength(head) + 4;
      raw.socket.pause(); // from now on the client reads nothing

      let peak = 0;
      let sent = 0;
      // Keep calling, as the attack did: 500 calls with 1 MB answers, none of them read.
      while (sent < 500) {
        for (let i = 0; i < 20; i++)
          await raw.write(textFrame(JSON.stringify({ id: ++sent, ...CALL })));
        await new Promise((r) => setTimeout(r, 5));
        peak = Math.max(peak, server.bridgeStats().bufferedBytes);
        expect(server.bridgeStats().inFlight).toBeLessThanOrEqual(LIMITS.maxInFlight);
      }
      expect(server.bridgeStats().closedForBackpressure).toBe(1);
      // Bounded: the budget plus the answers that were in flight when it was crossed.
      expect(peak).toBeLessThanOrEqual(
        LIMITS.maxBufferedBytes + (LIMITS.maxInFlight + 1) * ANSWER_BYTES,
      );
      // A handful of handlers ran (the in-flight cap, plus what the kernel's socket buffers took
      // before the budget was crossed); the other calls were refused or ignored, never queued.
      expect(handled).toBeLessThan(64);

      // Another tab is served as usual meanwhile.
      const other = new WebSocket(`${server.origin.replace('http', 'ws')}/bridge`, {
        headers: { cookie, origin: server.origin },
      });
      await new Promise((ok) => other.once('open', ok));
      const answer = await new Promise<string>((ok) => {
        other.once('message', (d: Buffer) => ok(d.toString('utf8')));
        other.send(JSON.stringify({ id: 1, ...CALL }));
      });
      expect(JSON.parse(answer)).toMatchObject({ id: 1, result: { ok: true } });
      other.close();

      // When the client reads again it gets what was sent, then the close frame and its reason.
      raw.socket.resume();
      const close = await eventually(
        () => parseFrames(raw.received.subarray(headLength)).find((f) => f.opcode === 0x8),
        { what: 'the close frame', timeoutMs: 30_000 },
      );
      expect(close.payload.readUInt16BE(0)).toBe(1013);
      expect(close.payload.subarray(2).toString('utf8')).toMatch(/stopped reading/);
      raw.destroy();
    },
  );
});
