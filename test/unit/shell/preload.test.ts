import { describe, expect, it } from 'vitest';
import { contextBridge, ipcRenderer } from 'electron';
import { CALL_NAMES, EVENT_NAMES, eventChannel, type OpsGlobal } from '../../../shared/bridge';

describe('preload', () => {
  it('exposes window.ops with exactly the table names as named functions, frozen', async () => {
    await import('../../../main/preload');
    const ops = (contextBridge as unknown as { exposed: { ops: OpsGlobal } }).exposed.ops;
    expect(Object.keys(ops).sort()).toEqual(['invoke', 'subscribe']);
    expect(Object.keys(ops.invoke).sort()).toEqual([...CALL_NAMES].sort());
    expect(Object.keys(ops.subscribe).sort()).toEqual([...EVENT_NAMES].sort());
    for (const name of CALL_NAMES) {
      const fn = ops.invoke[name];
      expect(typeof fn).toBe('function');
      expect(fn.name).toBe(name);
    }
    expect(Object.isFrozen(ops)).toBe(true);
    expect(Object.isFrozen(ops.invoke)).toBe(true);
    expect(JSON.stringify(Object.keys(ops))).not.toContain('ipcRenderer');
  });

  it('subscriptions deliver payloads and return a working unsubscribe', async () => {
    await import('../../../main/preload');
    const ops = (contextBridge as unknown as { exposed: { ops: OpsGlobal } }).exposed.ops;
    const fake = ipcRenderer as unknown as {
      __emit(c: string, p: unknown): void;
      __listenerCount(c: string): number;
    };
    const got: unknown[] = [];
    const off = ops.subscribe['app.notice']((p) => got.push(p));
    fake.__emit(eventChannel('app.notice'), { level: 'info', message: 'x' });
    expect(got).toEqual([{ level: 'info', message: 'x' }]);
    off();
    expect(fake.__listenerCount(eventChannel('app.notice'))).toBe(0);
  });
});
