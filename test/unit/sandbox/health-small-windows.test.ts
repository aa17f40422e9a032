import { describe, expect, it } from 'vitest';
import { deliveryChecks, MIN_ATTEMPTS_TO_JUDGE } from '../../../main/sandbox/sim/health';
import { zero, type WindowCounts } from '../../../main/sandbox/sim/health-window';

const counts = (c: Partial<WindowCounts>): WindowCounts => ({ ...zero(), ...c });
const status = (c: Partial<WindowCounts>) =>
  Object.fromEntries(deliveryChecks(counts(c)).map((k) => [k.name, k.status]));

describe('sandbox health in small windows', () => {
  it('first launch: 1 of 16 attempts got a 5xx, retried and sent -> green', () => {
    // 15 sent first time, 1 got a 5xx, was retried and then sent: 16 sent, 1 retried.
    expect(status({ sent: 16, retried: 1, serverError: 1 })).toEqual({
      connectivity: 'pass',
      delivery: 'pass',
    });
  });

  it('does not judge connectivity below the minimum number of attempts', () => {
    expect(MIN_ATTEMPTS_TO_JUDGE).toBeGreaterThanOrEqual(10);
    // 3 attempts, 2 of them 5xx, one failed: a bad-luck window, not a degraded provider.
    const [connectivity] = deliveryChecks(
      counts({ sent: 1, failed: 1, retried: 1, serverError: 2 }),
    );
    expect(connectivity!.status).toBe('pass');
    expect(connectivity!.message).toMatch(/too few to judge/);
  });

  it('does not fail delivery on one or two unlucky events', () => {
    expect(status({ failed: 1 }).delivery).toBe('pass');
    expect(status({ sent: 1, failed: 2 }).delivery).toBe('pass');
  });

  it('retried-then-sent attempts alone never degrade, however many', () => {
    expect(status({ sent: 100, retried: 60, serverError: 30, throttled: 30 })).toEqual({
      connectivity: 'pass',
      delivery: 'pass',
    });
  });

  it('still warns and fails once the window is big enough and deliveries really fail', () => {
    expect(status({ sent: 80, failed: 6, retried: 20, throttled: 30 })).toEqual({
      connectivity: 'warn',
      delivery: 'warn',
    });
    expect(status({ sent: 2, failed: 30, retried: 60, serverError: 80 })).toEqual({
      connectivity: 'fail',
      delivery: 'fail',
    });
  });

  it('an empty window passes with a message saying so', () => {
    const [connectivity, delivery] = deliveryChecks(counts({}));
    expect(connectivity!.message).toBe('no delivery attempts in the window');
    expect(delivery!.message).toBe('nothing delivered in the window');
  });
});
