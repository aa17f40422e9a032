import type { z } from 'zod';
import { fail, issuesFromZod, type BridgeError } from '../../../shared/bridge';
import { jsonTextDepth, MAX_JSON_DEPTH } from '../../../shared/contract/json-depth';
import { discard, formatBytes, isJsonType, readCapped } from './body';
import { httpError } from './errors';
import type { Incoming } from './exchange';

/** How a caller turns the JSON of a 2xx answer into its type (tolerant parsers live in parse.ts). */
export type Parse<T> = (json: unknown) => z.ZodSafeParseResult<T>;

export type Interpreted<T> =
  | {
      ok: true;
      status: number;
      data: T;
      etag: string | undefined;
      headers: Record<string, string | undefined>;
    }
  | { ok: false; error: BridgeError; retryAfter: string | undefined; body: unknown };

const ERROR_BODY_CAP = 64 * 1024;

async function readJson(res: Incoming, cap: number, target: string): Promise<unknown> {
  const length = Number(res.headers['content-length']);
  if (Number.isFinite(length) && length > cap) {
    discard(res.body);
    fail(
      'contract',
      `The answer of ${target} announces ${formatBytes(length)}, over the ${formatBytes(cap)} limit; it was not read.`,
      { status: res.status },
    );
  }
  const raw = await readCapped(res.body, cap, target);
  if (raw.length === 0) return undefined;
  const text = raw.toString('utf8');
  // Refused before parsing: nothing downstream (zod, the cache, the bridge's serializer) ever sees
  // a document deep enough to overflow a recursive walk.
  if (jsonTextDepth(text, MAX_JSON_DEPTH) > MAX_JSON_DEPTH)
    fail(
      'contract',
      `The answer of ${target} nests deeper than ${MAX_JSON_DEPTH} levels; it was refused unread.`,
      { status: res.status },
    );
  try {
    return JSON.parse(text) as unknown;
  } catch {
    fail(
      'contract',
      `The answer of ${target} is not valid JSON (${formatBytes(raw.length)} received, status ${res.status}).`,
      { status: res.status },
    );
  }
}

/**
 * Turns an HTTP answer into data or a typed error. The content type is checked before the body is
 * read, so a 100 MB HTML page from a captive portal is refused without downloading it.
 */
export async function interpret<T>(
  res: Incoming,
  parse: Parse<T>,
  cap: number,
  target: string,
): Promise<Interpreted<T>> {
  const contentType = res.headers['content-type'];
  if (res.status < 200 || res.status >= 300) {
    const body = isJsonType(contentType)
      ? await readJson(res, ERROR_BODY_CAP, target).catch(() => undefined)
      : undefined;
    if (body === undefined) await res.body.dump({ limit: ERROR_BODY_CAP }).catch(() => undefined);
    return {
      ok: false,
      error: httpError(res.status, body, target),
      retryAfter: res.headers['retry-after'],
      body,
    };
  }
  if (res.status === 204 || res.headers['content-length'] === '0') {
    await res.body.dump().catch(() => undefined);
    return finish(parse(undefined), res, target, 'an empty answer');
  }
  if (!isJsonType(contentType)) {
    discard(res.body);
    fail(
      'contract',
      `Expected JSON from ${target} but got "${contentType ?? 'no content type'}" (status ${res.status}); a proxy or login page may be answering instead of the API.`,
      { status: res.status },
    );
  }
  const json = await readJson(res, cap, target);
  return finish(parse(json), res, target, 'JSON');
}

function finish<T>(
  parsed: z.ZodSafeParseResult<T>,
  res: Incoming,
  target: string,
  what: string,
): Interpreted<T> {
  const status = res.status;
  if (!parsed.success) {
    const issues = issuesFromZod(parsed.error);
    const first = issues[0];
    fail(
      'contract',
      `The API answered ${target} with ${what} of an unexpected shape${first ? ` (${first.path}: ${first.message})` : ''}.`,
      { status, issues },
    );
  }
  return { ok: true, status, data: parsed.data, etag: res.headers.etag, headers: res.headers };
}
