import { fail, OpsFailure } from '../../../shared/bridge/errors';
import type { ChangeState } from '../../../shared/domain/workflow/state';
import { isUnreachable } from '../api';
import type { Body, TargetIO } from '../targets/target-io';
import { diffOf } from './diff';
import { ioOf, siteOf, type ChangeCtx } from './context';

type Intent = NonNullable<ChangeState['pendingIntent']>;
type Verdict =
  | { kind: 'landed'; etag?: string; createdId?: string }
  | { kind: 'not_landed' }
  | { kind: 'changed'; live: Body };

/**
 * An apply intent without completion (the app stopped, or the connection dropped, mid-request).
 * The server decides, never a guess and never a resend: it holds the draft -> the apply landed
 * (recorded); it still holds the baseline -> nothing landed; anything else -> someone else edited
 * it: new baseline needed.
 */
export async function recoverIntent(ctx: ChangeCtx, s: ChangeState): Promise<ChangeState> {
  const intent = s.pendingIntent;
  if (!intent) return s;
  const io = ioOf(ctx, s);
  let verdict: Verdict;
  try {
    verdict =
      s.operation === 'create'
        ? await created(ctx, io, s, intent)
        : s.operation === 'delete'
          ? await deleted(io, s)
          : await updated(io, s, intent);
  } catch (error) {
    if (!isUnreachable(error)) throw error;
    fail(
      'offline',
      'The last apply may or may not have reached the server and the API is unreachable: it will be checked (never re-sent) when the API is back.',
    );
  }
  if (verdict.kind === 'landed')
    return ctx.store.append(s.id, {
      type: 'apply_done',
      key: intent.key,
      ...(verdict.etag ? { etag: verdict.etag } : {}),
      ...(verdict.createdId ? { createdId: verdict.createdId } : {}),
      recovered: true,
    });
  if (verdict.kind === 'not_landed')
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
    serverChanges: diffOf(io, s.baseline?.body ?? {}, verdict.live),
    error: {
      kind: 'conflict',
      message:
        'After the interruption the server holds neither the baseline nor your draft: someone else changed it. Take a new baseline.',
    },
  });
}

async function updated(io: TargetIO, s: ChangeState, intent: Intent): Promise<Verdict> {
  const live = await io.read('live');
  if (io.same(live.body, intent.body)) return { kind: 'landed', ...etag(live.etag) };
  if (s.baseline && io.same(live.body, s.baseline.body)) return { kind: 'not_landed' };
  return { kind: 'changed', live: live.body };
}

/** A create landed if a webhook that did not exist at baseline now matches the draft. */
async function created(
  ctx: ChangeCtx,
  io: TargetIO,
  s: ChangeState,
  intent: Intent,
): Promise<Verdict> {
  const known = new Set(knownAtBaseline(s));
  const list = await ctx.api.reads.webhooks(siteOf(s), 'live');
  const made = list.data.find((w) => !known.has(w.id) && io.same(w, intent.body));
  return made ? { kind: 'landed', createdId: made.id } : { kind: 'not_landed' };
}

/** A delete landed if the webhook is gone; still the baseline: it did not. */
async function deleted(io: TargetIO, s: ChangeState): Promise<Verdict> {
  const live = await io.read('live').catch((error: unknown) => {
    if (error instanceof OpsFailure && error.error.kind === 'not_found') return undefined;
    throw error;
  });
  if (!live) return { kind: 'landed' };
  if (s.baseline && io.same(live.body, s.baseline.body)) return { kind: 'not_landed' };
  return { kind: 'changed', live: live.body };
}

function knownAtBaseline(s: ChangeState): string[] {
  const b = [...s.entries].reverse().find((e) => e.type === 'baseline');
  return b?.type === 'baseline' ? (b.knownWebhooks ?? []) : [];
}

const etag = (e: string | undefined) => (e ? { etag: e } : {});
