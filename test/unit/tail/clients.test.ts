import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../../main/core/app-core';
import { MemorySecretStore } from '../../../main/core/secrets/memory-store';
import { createConfBackend } from '../../../main/core/settings/conf-backend';
import { SettingsStore } from '../../../main/core/settings/settings-store';
import { startBrowserServer, type RunningBrowserServer } from '../../../main/host/browser-server';
import { EventHub } from '../../../main/host/event-hub';
import { startSandbox } from '../../../main/sandbox';
import type { TailBatch, TailStatus } from '../../../shared/bridge/calls/tail';
import { DEFAULT_CADENCE } from '../../../main/core/tail/cadence';
import { eventually } from '../../fakes/poll';

/** One browser tab's bridge socket: calls by id, and every tail.batch it receives with its arrival. */
class Tab {
  readonly batches: { batch: TailBatch; at: number }[] = [];
  private nextId = 1;
  private readonly waiting = new Map<number, (r: unknown) => void>();
  constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString()) as {
        id?: number;
        result?: unknown;
        event?: string;
        payload?: unknown;
      };
      if (frame.id !== undefined) this.waiting.get(frame.id)?.(frame.result);
      else if (frame.event === 'tail.batch')
        this.batches.push({ batch: frame.payload as TailBatch, at: Date.now() });
    });
  }
  call<T>(name: string, input: unknown): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (r) => {
        const result = r as { ok: boolean; value?: T; error?: { message: string } };
        if (result.ok) resolve(result.value as T);
        else reject(new Error(result.error?.message));
      });
      this.socket.send(JSON.stringify({ id, call: name, input }));
    });
  }
  statuses(tailId: string): { status: TailStatus; at: number }[] {
    return this.batches
      .filter((b) => b.batch.tailId === tailId && b.batch.status)
      .map((b) => ({ status: b.batch.status!, at: b.at }));
  }
}

let dir: string;
let core: Core;
let server: RunningBrowserServer;
let cookie: string;

async function openTab(): Promise<Tab> {
  const socket = new WebSocket(`ws://127.0.0.1:${server.port}/bridge`, {
    headers: { origin: server.origin, cookie },
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return new Tab(socket);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tail-clients-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>ops</title>');
  const hub = new EventHub();
  core = await createCore({
    identity: { version: 'test', mode: 'browser', dataDir: dir },
    settings: await SettingsStore.open(dir, createConfBackend),
    secrets: new MemorySecretStore(),
    emit: hub.emit,
    // Busy enough that every poll finds new entries: the visible tail stays at its 1 s cadence.
    startSandbox: (o) => startSandbox({ ...o, eventsPerSecond: 40 }),
  });
  server = await startBrowserServer({
    port: 0,
    staticDir: dir,
    handlers: core.handlers,
    hub,
    clientGone: core.clientGone,
  });
  cookie = await new Promise<string>((resolve, reject) => {
    const req = request(server.launchUrl, (res) => {
      res.resume();
      resolve(String(res.headers['set-cookie']).split(';')[0]!);
    });
    req.on('error', reject);
    req.end();
  });
}, 30_000);

afterAll(async () => {
  await server.close();
  await core.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a client per tab: two real sockets on browser mode', () => {
  it(
    'one tab hidden: the other keeps its 1 s cadence, and each receives only its own batches',
    { timeout: 60_000 },
    async () => {
      const [visible, hidden] = [await openTab(), await openTab()];
      const site = { connectionId: 'sandbox', siteId: core.sandbox!.siteIds[0]! };
      const start = (tab: Tab, provider: string) =>
        tab.call<{ tailId: string }>('tail.start', {
          ...site,
          stream: { kind: 'provider', provider },
          backfill: 0,
        });
      const mine = (await start(visible, 'ga4')).tailId;
      const theirs = (await start(hidden, 'meta')).tailId;
      await hidden.call('tail.visibility', { hidden: true });

      await eventually(() => visible.statuses(mine).length >= 6, {
        timeoutMs: 40_000,
        what: 'six polls of the visible tab',
      });
      await eventually(() => hidden.statuses(theirs).some((s) => s.status.state === 'hidden'), {
        timeoutMs: 20_000,
        what: 'the hidden tab to slow down',
      });

      // The visible tab never slowed: each status says the next poll is due within a second of it
      // arriving (delays on a loaded machine only make that shorter).
      const seen = visible.statuses(mine).slice(1);
      expect(seen.map((s) => s.status.state)).not.toContain('hidden');
      for (const s of seen.filter((x) => x.status.state === 'live'))
        expect(Date.parse(s.status.nextPollAt!) - s.at).toBeLessThanOrEqual(
          DEFAULT_CADENCE.activeMs,
        );
      expect(seen.some((s) => s.status.state === 'live')).toBe(true);

      // Routing: each socket received batches of its own tail only.
      expect(new Set(visible.batches.map((b) => b.batch.tailId))).toEqual(new Set([mine]));
      expect(new Set(hidden.batches.map((b) => b.batch.tailId))).toEqual(new Set([theirs]));

      // A tab cannot stop or renew the other's tail.
      expect(await hidden.call('tail.stop', { tailId: mine })).toEqual({ stopped: false });
      expect(await hidden.call('tail.keepalive', { tailIds: [mine] })).toEqual({ alive: [] });
      expect(await visible.call('tail.keepalive', { tailIds: [mine, theirs] })).toEqual({
        alive: [mine],
      });
      visible.socket.close();
      hidden.socket.close();
    },
  );
});
