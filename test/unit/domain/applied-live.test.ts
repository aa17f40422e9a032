import { describe, expect, it } from 'vitest';
import { appliedIsLive, type RollbackAction } from '../../../shared/domain/workflow';

const applied = { at: '2026-12-02T00:00:00Z', key: 'k', body: {} } as never;
const after = (...actions: (RollbackAction | `${RollbackAction}:failed`)[]) => ({
  applied,
  rollbacks: actions.map((a) => ({
    at: '2026-12-02T00:01:00Z',
    action: a.replace(':failed', '') as RollbackAction,
    ok: !a.endsWith(':failed'),
    error: undefined,
    test: undefined,
  })),
});

describe('appliedIsLive: what production runs after the change’s rollbacks', () => {
  it('nothing applied is never live; applied without rollback is', () => {
    expect(appliedIsLive({ applied: undefined, rollbacks: [] })).toBe(false);
    expect(appliedIsLive(after())).toBe(true);
  });
  it('a restore takes it out for good, even if a switch is turned back on later', () => {
    expect(appliedIsLive(after('restore'))).toBe(false);
    expect(appliedIsLive(after('disable', 'restore', 'enable'))).toBe(false);
  });
  it('Disable and test mode take it out; Re-enable and Disable test mode put it back', () => {
    expect(appliedIsLive(after('disable'))).toBe(false);
    expect(appliedIsLive(after('disable', 'enable'))).toBe(true);
    expect(appliedIsLive(after('test_mode'))).toBe(false);
    expect(appliedIsLive(after('test_mode', 'test_mode_off'))).toBe(true);
    expect(appliedIsLive(after('disable', 'test_mode', 'enable'))).toBe(false);
  });
  it('a failed rollback changed nothing', () => {
    expect(appliedIsLive(after('restore:failed'))).toBe(true);
    expect(appliedIsLive(after('disable:failed'))).toBe(true);
  });
});
