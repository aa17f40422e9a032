import { describe, expect, it, vi } from 'vitest';
import { OpsFailure, type Handlers } from '../../../shared/bridge';
import { dispatch } from '../../../main/host/dispatch';

const ctx = { client: 'test' };
const quiet = () => undefined;

function handlersWith(impl: (input: unknown) => Promise<unknown>) {
  return new Proxy({} as Handlers, { get: () => vi.fn(impl) });
}

describe('dispatch', () => {
  it('refuses unknown call names, including prototype keys', async () => {
    const h = handlersWith(() => Promise.resolve({}));
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      const res = await dispatch(h, name, {}, ctx, quiet);
      expect(res).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
  });

  it('turns an OpsFailure into data and hides unexpected errors behind a generic message', async () => {
    const failing = handlersWith(() =>
      Promise.reject(new OpsFailure({ kind: 'offline', message: 'API unreachable' })),
    );
    expect(await dispatch(failing, 'sites.list', {}, ctx, quiet)).toEqual({
      ok: false,
      error: { kind: 'offline', message: 'API unreachable' },
    });
    const crashing = handlersWith(() =>
      Promise.reject(new Error('secret stack /home/x/token=abc')),
    );
    const res = await dispatch(crashing, 'sites.list', {}, ctx, quiet);
    expect(res).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(JSON.stringify(res)).not.toContain('token=abc');
  });

  it('validates the output too: a handler answering the wrong shape is an internal error', async () => {
    const wrong = handlersWith(() => Promise.resolve([{ id: 1 }]));
    expect(await dispatch(wrong, 'sites.list', {}, ctx, quiet)).toMatchObject({
      ok: false,
      error: { kind: 'internal' },
    });
  });
});
