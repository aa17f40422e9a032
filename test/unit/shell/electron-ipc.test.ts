import { describe, expect, it, vi } from 'vitest';
import { BrowserWindow, ipcMain } from 'electron';
import { WebFrameMain } from '../../fakes/electron';
import { CALL_NAMES, callChannel, eventChannel, type Handlers } from '../../../shared/bridge';
import { registerIpc } from '../../../main/host/electron-ipc';
import { EventHub } from '../../../main/host/event-hub';

type FakeIpc = typeof ipcMain & {
  __invoke(ch: string, frame: unknown, ...a: unknown[]): Promise<any>;
  handlers: Map<string, unknown>;
};

function setup() {
  const info = vi.fn(() => Promise.resolve({ ok: true as const, integrations: 0, durationMs: 1 }));
  const handlers = new Proxy({} as Handlers, {
    get: (_t, name) => (name === 'connections.test' ? info : vi.fn(() => Promise.resolve({}))),
  });
  const win = new BrowserWindow({}) as unknown as BrowserWindow & {
    webContents: { mainFrame: WebFrameMain; sent: any[] };
  };
  const hub = new EventHub();
  const dispose = registerIpc(handlers, hub, () => [win]);
  return { info, win, hub, dispose, ipc: ipcMain as unknown as FakeIpc };
}

const channel = callChannel('connections.test');
const goodInput = { connectionId: 'sandbox', siteId: '3f1c2a9e-1b2c-4d5e-8f90-123456789abc' };

describe('electron IPC wrapper', () => {
  it('registers one handler per bridge call', () => {
    const { ipc, dispose } = setup();
    for (const name of CALL_NAMES) expect(ipc.handlers.has(callChannel(name)), name).toBe(true);
    dispose();
    expect(ipc.handlers.size).toBe(0);
  });

  it('refuses a null, foreign, sub- or non-app frame without calling the handler', async () => {
    const { ipc, info, win, dispose } = setup();
    const foreign = new WebFrameMain('app://ops/index.html');
    const evilPage = win.webContents.mainFrame;
    for (const frame of [null, foreign]) {
      const res = await ipc.__invoke(channel, frame, goodInput);
      expect(res).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    evilPage.url = 'https://evil.example/';
    expect(await ipc.__invoke(channel, evilPage, goodInput)).toMatchObject({ ok: false });
    evilPage.url = 'app://ops/index.html';
    expect(info).not.toHaveBeenCalled();
    dispose();
  });

  it('rejects malformed input with a typed error and no side effect', async () => {
    const { ipc, info, win, dispose } = setup();
    for (const bad of [
      undefined,
      42,
      'x',
      { connectionId: '../etc', siteId: 'nope' },
      { __proto__: { polluted: 1 } },
    ]) {
      const res = await ipc.__invoke(channel, win.webContents.mainFrame, bad);
      expect(res.ok).toBe(false);
      expect(res.error.kind).toBe('validation');
      expect(JSON.stringify(res)).not.toMatch(/at .*\.ts:\d+/);
    }
    expect(info).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    dispose();
  });

  it('runs the handler for our own main frame and sends events to the window', async () => {
    const { ipc, info, win, hub, dispose } = setup();
    const res = await ipc.__invoke(channel, win.webContents.mainFrame, goodInput);
    expect(res).toEqual({ ok: true, value: { ok: true, integrations: 0, durationMs: 1 } });
    expect(info).toHaveBeenCalledOnce();
    hub.emit('app.notice', { level: 'info', message: 'hello' });
    expect(win.webContents.sent).toContainEqual({
      channel: eventChannel('app.notice'),
      payload: { level: 'info', message: 'hello' },
    });
    dispose();
  });

  it('each window is a client: its calls carry it, events addressed to it reach it alone, and a destroyed one is reported gone', async () => {
    const seen: unknown[] = [];
    const handlers = new Proxy({} as Handlers, {
      get: () =>
        vi.fn((_i: unknown, ctx: { client: string }) => {
          seen.push(ctx.client);
          return Promise.resolve({ ok: true, integrations: 0, durationMs: 1 });
        }),
    });
    const one = new BrowserWindow({}) as unknown as BrowserWindow & {
      webContents: { id: number; mainFrame: WebFrameMain; sent: any[]; emit(e: string): void };
    };
    const two = new BrowserWindow({}) as unknown as typeof one;
    const hub = new EventHub();
    const gone: string[] = [];
    const dispose = registerIpc(
      handlers,
      hub,
      () => [one, two],
      (c) => gone.push(c),
    );
    const ipc = ipcMain as unknown as FakeIpc;
    await ipc.__invoke(channel, one.webContents.mainFrame, goodInput);
    await ipc.__invoke(channel, two.webContents.mainFrame, goodInput);
    expect(seen).toEqual([`window-${one.webContents.id}`, `window-${two.webContents.id}`]);
    hub.emit('tail.batch', { tailId: 'tail_a1', entries: [] }, `window-${two.webContents.id}`);
    expect(one.webContents.sent).toEqual([]);
    expect(two.webContents.sent).toHaveLength(1);
    one.webContents.emit('destroyed');
    expect(gone).toEqual([`window-${one.webContents.id}`]);
    dispose();
  });

  // Issue 13 case 1, Electron side: every send path handles its own failure.
  it('a window whose send throws (serialization) is logged and skipped; the emitter and other windows are unaffected', () => {
    const hub = new EventHub();
    const broken = new BrowserWindow({}) as BrowserWindow & { webContents: { sent: unknown[] } };
    const fine = new BrowserWindow({}) as BrowserWindow & { webContents: { sent: unknown[] } };
    broken.webContents.send = () => {
      throw new RangeError('Maximum call stack size exceeded');
    };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const dispose = registerIpc(new Proxy({} as Handlers, { get: () => vi.fn() }), hub, () => [
      broken,
      fine,
    ]);
    expect(() => hub.emit('app.notice', { level: 'info', message: 'still here' })).not.toThrow();
    expect(fine.webContents.sent).toContainEqual({
      channel: eventChannel('app.notice'),
      payload: { level: 'info', message: 'still here' },
    });
    expect(errors).toHaveBeenCalledWith(
      expect.stringMatching(/event app.notice could not be sent/),
      expect.any(RangeError),
    );
    errors.mockRestore();
    dispose();
  });

  it('an answer nested too deep for structured clone is refused as a typed error, never thrown', async () => {
    const deep: Record<string, unknown> = {};
    let cursor = deep;
    for (let i = 0; i < 10_000; i++) cursor = cursor.a = {};
    const handlers = new Proxy({} as Handlers, {
      get: (_t, name) =>
        name === 'integrations.get'
          ? () =>
              Promise.resolve({
                data: { provider: 'ga4', enabled: true, testMode: false, config: {}, deep },
                fetchedAt: new Date().toISOString(),
                stale: false,
              })
          : vi.fn(),
    });
    const win = new BrowserWindow({}) as BrowserWindow & {
      webContents: { mainFrame: WebFrameMain };
    };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const dispose = registerIpc(handlers, new EventHub(), () => [win]);
    const res = await (ipcMain as unknown as FakeIpc).__invoke(
      callChannel('integrations.get'),
      win.webContents.mainFrame,
      { ...goodInput, provider: 'ga4' },
    );
    expect(res).toMatchObject({
      ok: false,
      error: { kind: 'internal', message: expect.stringMatching(/nested too deeply/) },
    });
    errors.mockRestore();
    dispose();
  });
});
