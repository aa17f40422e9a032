/**
 * A small fake of the Electron API surface the shell uses, aliased to `electron` in vitest
 * (the real binary cannot be downloaded on our machines). It records what the app does so tests
 * can assert behaviour: flags, handlers, guards, IPC and protocol registrations.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

type Listener = (...args: any[]) => void;

export const calls: string[] = [];
let readyResolve: (() => void) | undefined;
const readyPromise = new Promise<void>((r) => (readyResolve = r));
const userData = mkdtempSync(join(tmpdir(), 'ops-fake-userdata-'));

class FakeApp extends EventEmitter {
  isPackaged = false;
  isReady = false;
  sandboxEnabled = false;
  enableSandbox() {
    calls.push(this.isReady ? 'enableSandbox:after-ready' : 'enableSandbox:before-ready');
    this.sandboxEnabled = true;
  }
  whenReady() {
    return readyPromise;
  }
  /** Test hook: make the app ready. */
  __makeReady() {
    this.isReady = true;
    readyResolve?.();
    this.emit('ready');
  }
  requestSingleInstanceLock() {
    calls.push('requestSingleInstanceLock');
    return true;
  }
  getPath(name: string) {
    return name === 'userData' ? userData : join(userData, name);
  }
  getVersion() {
    return '0.0.0-test';
  }
  quit() {
    calls.push('quit');
  }
  exit(code?: number) {
    calls.push(`exit:${code ?? 0}`);
  }
}
export const app = new FakeApp();

export class WebFrameMain {
  constructor(public url = 'app://ops/index.html') {}
}

let nextWebContentsId = 1;
export class WebContents extends EventEmitter {
  readonly id = nextWebContentsId++;
  readonly mainFrame = new WebFrameMain();
  readonly sent: Array<{ channel: string; payload: unknown }> = [];
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }) {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown) {
    this.sent.push({ channel, payload });
  }
  /** Emit a cancellable event the way Electron does; returns whether it was prevented. */
  __emitCancellable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) };
    this.emit(name, event, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly all: BrowserWindow[] = [];
  readonly webContents = new WebContents();
  loadedUrl: string | undefined;
  destroyed = false;
  constructor(
    readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>,
  ) {
    super();
    BrowserWindow.all.push(this);
  }
  static getAllWindows() {
    return BrowserWindow.all.filter((w) => !w.destroyed);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
}

type InvokeHandler = (event: { senderFrame: WebFrameMain | null }, ...args: unknown[]) => unknown;
class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  }
  /** electron-store registers a sync listener here; recorded, never used by our code. */
  readonly listeners = new Map<string, Listener>();
  on(channel: string, listener: Listener) {
    this.listeners.set(channel, listener);
  }
  /** Test hook: invoke as a renderer would, from a given frame. */
  __invoke(
    channel: string,
    senderFrame: WebFrameMain | null,
    ...args: unknown[]
  ): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) return Promise.reject(new Error(`no handler for ${channel}`));
    return Promise.resolve(h({ senderFrame }, ...args));
  }
}
export const ipcMain = new FakeIpcMain();

class FakeSession {
  permissionRequestHandler:
    ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | undefined;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | undefined;
  setPermissionRequestHandler(h: FakeSession['permissionRequestHandler']) {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: FakeSession['permissionCheckHandler']) {
    this.permissionCheckHandler = h;
  }
  devicePermissionHandler: (() => boolean) | undefined;
  setDevicePermissionHandler(h: () => boolean) {
    this.devicePermissionHandler = h;
  }
  displayMediaHandler: ((request: unknown, cb: (streams: object) => void) => void) | undefined;
  setDisplayMediaRequestHandler(h: (request: unknown, cb: (streams: object) => void) => void) {
    this.displayMediaHandler = h;
  }
}
export const session = { defaultSession: new FakeSession() };

class FakeProtocol {
  privileged: unknown[] = [];
  readonly handlers = new Map<string, (request: Request) => Promise<Response>>();
  registerSchemesAsPrivileged(schemes: unknown[]) {
    calls.push(app.isReady ? 'registerSchemes:after-ready' : 'registerSchemes:before-ready');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  }
}
export const protocol = new FakeProtocol();

/** Reversible stand-in for the OS keychain: "encrypts" by reversing and tagging, async like Electron 45. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret',
  isAsyncEncryptionAvailable: () => Promise.resolve(safeStorage.available),
  encryptStringAsync: (plain: string) =>
    Promise.resolve(Buffer.from(`enc:${[...plain].reverse().join('')}`)),
  decryptStringAsync: (cipher: Buffer) => {
    const text = cipher.toString();
    if (!text.startsWith('enc:')) return Promise.reject(new Error('cannot decrypt'));
    return Promise.resolve({
      result: [...text.slice(4)].reverse().join(''),
      shouldReEncrypt: false,
    });
  },
  getSelectedStorageBackend: () => safeStorage.backend,
};

export const dialog = {
  nextResponse: 0,
  shown: [] as unknown[],
  showMessageBox(options: unknown) {
    dialog.shown.push(options);
    return Promise.resolve({ response: dialog.nextResponse, checkboxChecked: false });
  },
};

export const shell = {
  opened: [] as string[],
  openExternal(url: string) {
    shell.opened.push(url);
    return Promise.resolve();
  },
};

export class Menu {
  static current: Menu | null = null;
  constructor(readonly template: unknown[]) {}
  static buildFromTemplate(template: unknown[]) {
    return new Menu(template);
  }
  static setApplicationMenu(menu: Menu | null) {
    Menu.current = menu;
  }
}

export class Notification extends EventEmitter {
  static shown: Array<{ title: string; body: string }> = [];
  constructor(private readonly opts: { title: string; body: string }) {
    super();
  }
  static isSupported() {
    return true;
  }
  show() {
    Notification.shown.push(this.opts);
  }
}

const listenersByChannel = new Map<string, Set<Listener>>();
export const ipcRenderer = {
  invoke: (channel: string, ...args: unknown[]) =>
    ipcMain.__invoke(channel, BrowserWindow.all[0]?.webContents.mainFrame ?? null, ...args),
  on(channel: string, listener: Listener) {
    let set = listenersByChannel.get(channel);
    if (!set) listenersByChannel.set(channel, (set = new Set()));
    set.add(listener);
  },
  removeListener(channel: string, listener: Listener) {
    listenersByChannel.get(channel)?.delete(listener);
  },
  __emit(channel: string, payload: unknown) {
    listenersByChannel.get(channel)?.forEach((l) => l({}, payload));
  },
  __listenerCount(channel: string) {
    return listenersByChannel.get(channel)?.size ?? 0;
  },
};

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, api: unknown) {
    contextBridge.exposed[key] = api;
  },
};

export default {
  app,
  BrowserWindow,
  ipcMain,
  ipcRenderer,
  session,
  protocol,
  safeStorage,
  shell,
  Menu,
  Notification,
  contextBridge,
  dialog,
};
