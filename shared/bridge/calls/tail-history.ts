import { z } from 'zod';
import { LogEntry } from '../../contract';
import { call, type CallSpec } from '../define';
import { LocalId, SiteId } from '../ids';
import { SearchStop } from './trace';
import { TailStream } from './tail';

export const HISTORY_MAX_PAGES = 60;

/** Older entries of one stream, for "jump to the last N minutes" in a live view. */
export const TailHistory = z.object({
  connectionId: LocalId,
  siteId: SiteId,
  stream: TailStream,
  /** The oldest id the view holds of this stream: only older entries are returned. */
  beforeId: z.number().int().positive().optional(),
  /** Page back until entries are older than this time (ISO). */
  since: z.iso.datetime({ offset: true }),
  maxPages: z.number().int().min(1).max(HISTORY_MAX_PAGES).default(30),
});

export const TailHistoryResult = z.object({
  /** Oldest first. */
  entries: z.array(LogEntry),
  pages: z.number().int().nonnegative(),
  /** The oldest timestamp reached, and why paging stopped there. */
  reached: z.string().optional(),
  stop: SearchStop,
  error: z.string().optional(),
});
export type TailHistoryResult = z.infer<typeof TailHistoryResult>;

export const tailHistoryCalls = {
  'tail.history': call(TailHistory, TailHistoryResult),
} satisfies Record<string, CallSpec>;
