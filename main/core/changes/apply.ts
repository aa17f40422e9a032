import { fail, OpsFailure } from '../../../shared/bridge/errors';
import { isUnreachable } from '../api';
import { diffIntegration, diffResource, type ConfigDiff } from '../../../shared/domain/diff';
import { previewImpact, type ImpactPreview } from '../../../shared/domain/impact';
import { maskBodySecrets } from '../../../shared/domain/redact';
import { applyKey } from '../../../shared/domain/workflow/idempotency';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import type { Body, TargetIO } from '../targets/target-io';
import { errorText, ioOf, liveFor, type ChangeCtx } from './context';

export function diffOf(io: TargetIO, before: Body, after: Body): ConfigDiff {
  return io.kind === 'provider'
    ? diffIntegration(before, after)
    : diffResource(io.kind === 'webhook' ? 'webhook' : 'data-layer', before, after);
}

/** The impact preview of a draft against the baseline, on the last 500 logged events (read live). */
export async function impactOf(
  io: TargetIO,
  before: Body,
  after: Body,
): Promise<ImpactPreview | undefined> {
  if (io.kind !== 'provider') return undefined;
  const logs = await liveFor('the impact preview', () => io.logs(500, 0, 'live'));
  return logs ? previewImpact(before, after, logs) : undefined;
}

/**
 * Apply: the intent (with its idempotency key) is journaled BEFORE the PUT and its completion after.
 * An intent found without completion is never re-sent: `recoverIntent` reads the server instead.
 */
export async function applyDraft(ctx: ChangeCtx, s: ChangeState): Promise<ChangeState> {
  const draft = await ctx.drafts.load(s.id);
  if (!draft)
    fail(
      'validation',
      'There is no draft to apply: edit the configuration in the Config step first.',
    );
  const baseline = s.baseline;
  if (!baseline) fail('validation', 'Take a baseline first.');
  const io = ioOf(ctx, s);
  const issues = io.validate(draft.body);
  if (issues.length)
    fail('validation', 'The draft is not valid; fix it before applying.', { issues });
  if (diffOf(io, baseline.body, draft.body).identical)
    fail('validation', 'The draft is identical to the baseline: nothing to apply.');
  // The journal is append-only and exportable: it records the draft with secrets masked (a new
  // secret shows as a changed mask). Comparisons with the server ignore secrets, so nothing is lost.
  const recorded = maskBodySecrets(s.target, draft.body);
  const diff = diffOf(io, baseline.body, recorded);
  const impact = await impactOf(io, baseline.body, draft.body).catch(() => undefined);
  const key = applyKey(s.id, s.applyCount + 1, draft.body);
  await ctx.store.append(s.id, {
    type: 'apply_intent',
    key,
    body: recorded,
    ...(baseline.etag ? { ifMatch: baseline.etag } : {}),
    diff,
    ...(impact ? { impact } : {}),
  });
  try {
    const written = await io.write(draft.body, baseline.etag);
    // Once on the server, the typed secret has no reason to stay in the local draft file.
    await ctx.drafts.save(s.id, { ...draft, body: recorded });
    return await ctx.store.append(s.id, {
      type: 'apply_done',
      key,
      ...(written.etag ? { etag: written.etag } : {}),
      recovered: false,
    });
  } catch (error) {
    const e =
      error instanceof OpsFailure
        ? error.error
        : { kind: 'internal' as const, message: errorText(error) };
    if (e.kind === 'conflict') {
      const current = (e.current ?? {}) as Body;
      return ctx.store.append(s.id, {
        type: 'apply_failed',
        key,
        requiresBaseline: true,
        serverChanges: diffOf(io, baseline.body, current),
        error: {
          kind: 'conflict',
          message:
            'The configuration changed on the server since the baseline; nothing was applied. Take a new baseline, review your draft against it, and apply again.',
        },
      });
    }
    // A timeout or a dropped connection may hide a PUT that landed: find out, never guess.
    if (e.kind === 'network' || e.kind === 'timeout' || e.kind === 'offline')
      return recoverIntent(ctx, ctx.store.get(s.id)!.state);
    return ctx.store.append(s.id, { type: 'apply_failed', key, requiresBaseline: false, error: e });
  }
}

/**
 * An apply intent without completion (the app stopped, or the connection dropped, mid-PUT). The
 * server decides: it holds the draft -> the apply landed (recorded, not re-sent); it still holds
 * the baseline -> nothing landed; anything else -> someone else edited it: new baseline needed.
 */
export async function recoverIntent(ctx: ChangeCtx, s: ChangeState): Promise<ChangeState> {
  const intent = s.pendingIntent;
  if (!intent) return s;
  const io = ioOf(ctx, s);
  const live = await io.read('live').catch((error: unknown) => {
    if (!isUnreachable(error)) throw error;
    return fail(
      'offline',
      'The last apply may or may not have reached the server and the API is unreachable: it will be checked (never re-sent) when the API is back.',
    );
  });
  if (io.same(live.body, intent.body))
    return ctx.store.append(s.id, {
      type: 'apply_done',
      key: intent.key,
      ...(live.etag ? { etag: live.etag } : {}),
      recovered: true,
    });
  if (s.baseline && io.same(live.body, s.baseline.body))
    return ctx.store.append(s.id, {
      type: 'apply_failed',
      key: intent.key,
      requiresBaseline: false,
      error: {
        kind: 'network',
        message:
          'The apply did not reach the server (checked after the interruption); nothing was applied. Apply again when ready.',
      },
    });
  return ctx.store.append(s.id, {
    type: 'apply_failed',
    key: intent.key,
    requiresBaseline: true,
    serverChanges: diffOf(io, s.baseline?.body ?? {}, live.body),
    error: {
      kind: 'conflict',
      message:
        'After the interruption the server holds neither the baseline nor your draft: someone else changed it. Take a new baseline.',
    },
  });
}
