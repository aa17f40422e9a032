import { OpsFailure } from '../../../shared/bridge/errors';
import { compareHealth } from '../../../shared/domain/anomaly/health';
import type { TestRun } from '../../../shared/domain/workflow/entries';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { errorText, ioOf, liveFor, siteOf, type ChangeCtx } from './context';

/**
 * A delete's test: the webhook is gone (its GET answers 404). Anything else, an existing webhook
 * or an unreachable API, is a failed test.
 */
async function testDeleted(ctx: ChangeCtx, s: ChangeState): Promise<TestRun> {
  const startedAt = ctx.now().toISOString();
  try {
    await ioOf(ctx, s).read('live');
    return { ok: false, error: `${s.target} still exists after the delete.` };
  } catch (error) {
    if (!(error instanceof OpsFailure) || error.error.kind !== 'not_found') throw error;
    const step = {
      name: 'verify_deleted',
      ok: true,
      message: `${s.target} no longer exists (404)`,
    };
    return { ok: true, result: { ok: true, startedAt, durationMs: 0, steps: [step] } };
  }
}

/** Runs the target's test; a failing or unreachable test is a result to record, not an exception. */
export async function runTest(ctx: ChangeCtx, s: ChangeState): Promise<TestRun> {
  try {
    if (s.operation === 'delete' && s.applied) return await testDeleted(ctx, s);
    const result = await ioOf(ctx, s).test();
    return { ok: result.ok, result };
  } catch (error) {
    return {
      ok: false,
      error: error instanceof OpsFailure ? error.error.message : errorText(error),
    };
  }
}

export async function recordTest(
  ctx: ChangeCtx,
  s: ChangeState,
  trigger: 'auto' | 'manual',
): Promise<ChangeState> {
  const run = await runTest(ctx, s);
  return ctx.store.append(s.id, { type: 'test', trigger, run });
}

/** Health now against the baseline's, for this target (providers and webhooks). */
export async function checkHealth(ctx: ChangeCtx, s: ChangeState): Promise<ChangeState> {
  try {
    const h = await liveFor('the health comparison', () => ctx.api.reads.health(siteOf(s), 'live'));
    const after = h.data.integrations.find((p) => p.provider === s.target);
    if (s.target.startsWith('webhook:') || s.target === 'data-layer') {
      const hook = h.data.webhooks.find((w) => `webhook:${w.id}` === s.target);
      const regressions =
        hook && hook.status !== 'healthy' ? [`Webhook status is ${hook.status}.`] : [];
      const side = hook ? { status: hook.status } : { status: h.data.status };
      return await ctx.store.append(s.id, {
        type: 'health',
        comparison: { after: side, regressions, improved: [] },
      });
    }
    return await ctx.store.append(s.id, {
      type: 'health',
      comparison: compareHealth(s.baseline?.health, after),
    });
  } catch (error) {
    await ctx.store.append(s.id, { type: 'health', error: errorText(error) });
    throw error;
  }
}
