import { z } from 'zod';
import { LogEntry, ProviderKey } from '../../contract';
import { call, type CallSpec } from '../define';
import { BridgeError } from '../errors';
import { LocalId, SiteId } from '../ids';
import { RemoteId } from './api';

/** Which log stream a tail follows: one provider or one webhook of a site. */
export const TailStream = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('provider'), provider: ProviderKey }),
  z.object({ kind: z.literal('webhook'), webhookId: RemoteId }),
]);
export type TailStream = z.infer<typeof TailStream>;

export const TailId = z.string().regex(/^tail_[A-Za-z0-9]{1,32}$/);

export const TailStart = z.object({
  connectionId: LocalId,
  siteId: SiteId,
  stream: TailStream,
  /** Newest entries fetched once at start, so the view is not empty while waiting for new ones. */
  backfill: z.number().int().min(0).max(500).default(200),
});

/**
 * Entries that could not be fetched because production outpaced paging (or the server's ring
 * dropped them). `missing` is exact when `exact`; otherwise it is a lower bound.
 */
export const TailGap = z.object({
  afterId: z.number().int().nonnegative(),
  beforeId: z.number().int().nonnegative(),
  missing: z.number().int().positive(),
  exact: z.boolean(),
  at: z.string(),
});
export type TailGap = z.infer<typeof TailGap>;

export const TailState = z.enum([
  'starting',
  'live',
  'idle',
  'hidden',
  'backoff',
  'rate_limited',
  'stopped',
]);
export type TailState = z.infer<typeof TailState>;

export const TailStatus = z.object({
  state: TailState,
  /** When the next request is due (ISO), so the UI can say "next poll in 4 s". */
  nextPollAt: z.string().optional(),
  /** The last failure, kept until a poll succeeds; errors are shown, never swallowed. */
  error: BridgeError.optional(),
  polls: z.number().int().nonnegative(),
  requests: z.number().int().nonnegative(),
});
export type TailStatus = z.infer<typeof TailStatus>;

/** Largest number of entries in one event; bigger polls are split over several flushes. */
export const TAIL_BATCH_MAX = 2000;

/**
 * One push to the renderer (at most ~10 per second per tail). Entries are oldest first, already
 * deduplicated; a gap sits between the entries with ids `afterId` and `beforeId`.
 */
export const TailBatch = z.object({
  tailId: TailId,
  entries: z.array(LogEntry).max(TAIL_BATCH_MAX),
  gaps: z.array(TailGap).max(100).optional(),
  status: TailStatus.optional(),
});
export type TailBatch = z.infer<typeof TailBatch>;

export const tailCalls = {
  'tail.start': call(TailStart, z.object({ tailId: TailId })),
  'tail.stop': call(z.object({ tailId: TailId }), z.object({ stopped: z.boolean() })),
  /** This window or tab was hidden or shown: its own tails slow down while nobody looks at them. */
  'tail.visibility': call(z.object({ hidden: z.boolean() }), z.object({ hidden: z.boolean() })),
  /**
   * Keeps tails alive; tails not renewed for a minute stop, so a renderer that went away (closed
   * tab, reloaded window) does not leave pollers running against the API.
   */
  'tail.keepalive': call(
    z.object({ tailIds: z.array(TailId).max(100) }),
    z.object({ alive: z.array(TailId) }),
  ),
} satisfies Record<string, CallSpec>;

export const tailEvents = {
  'tail.batch': TailBatch,
} satisfies Record<string, z.ZodType>;
