import { fail, OpsFailure } from '../../../shared/bridge/errors';
import { maskBodySecrets } from '../../../shared/domain/redact';
import { applyKey } from '../../../shared/domain/workflow/idempotency';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import type { Body, TargetIO } from '../targets/target-io';
import { errorText, ioOf, type ChangeCtx } from './context';
import { diffOf } from './diff';
import { previewOf } from './preview';
import { recoverIntent } from './recover';

/** The draft an apply sends: a delete has none (the target's next state is "does not exist"). */
export async function draftOf(ctx: ChangeCtx, s: ChangeState) {
  if (s.operation === 'delete') return { body: {} as Body, savedAt: '', issues: [] };
  const draft = await ctx.drafts.load(s.id);
  if (!draft)
    fail(
      'validation',
      'There is no draft to apply: edit the configuration in the Config step first.',
    );
  return draft;
}

/** Draft validation for the change's operation: a webhook being created keeps no masked secret. */
export function validateFor(io: TargetIO, s: ChangeState, body: Body) {
  if (s.operation === 'delete') return [];
  return s.operation === 'create' ? io.validateNew(body) : io.validate(body);
}

/**
 * Apply: the intent (with its idempotency key) is journaled BEFORE the request and its completion
 * after (PUT; POST for a create, DELETE for a delete). An intent found without completion is never
 * re-sent: `recoverIntent` reads the server instead.
 */
export async function applyDraft(ctx: ChangeCtx, s: ChangeState): Promise<ChangeState> {
  const draft = await draftOf(ctx, s);
  const baseline = s.baseline;
  if (!baseline) fail('validation', 'Take a baseline first.');
  const io = ioOf(ctx, s);
  const issues = validateFor(io, s, draft.body);
  if (issues.length)
    fail('validation', 'The draft is not valid; fix it before applying.', { issues });
  if (s.operation !== 'delete' && diffOf(io, baseline.body, draft.body).identical)
    fail('validation', 'The draft is identical to the baseline: nothing to apply.');
  // The journal is append-only and exportable: it records the draft with secrets masked (a new
  // secret shows as a changed mask). Comparisons with the server ignore secrets, so nothing is lost.
  const recorded = maskBodySecrets(s.target, draft.body);
  const { diff, impact } = await previewOf(io, baseline.body, recorded);
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
    const written = await send(io, s, draft.body, baseline.etag);
    // Once on the server, the typed secret has no reason to stay in the local draft file.
    if (s.operation !== 'delete') await ctx.drafts.save(s.id, { ...draft, body: recorded });
    return await ctx.store.append(s.id, {
      type: 'apply_done',
      key,
      ...(written.etag ? { etag: written.etag } : {}),
      ...(written.id ? { createdId: written.id } : {}),
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

/** The one request of an apply, by operation. */
async function send(
  io: TargetIO,
  s: ChangeState,
  body: Body,
  ifMatch: string | undefined,
): Promise<{ etag: string | undefined; id?: string }> {
  if (s.operation === 'create') return io.create(body);
  if (s.operation === 'delete') {
    await io.remove(ifMatch);
    return { etag: undefined };
  }
  return io.write(body, ifMatch);
}
