import { request, type Dispatcher } from 'undici';
import { fail, isAllowedApiUrl } from '../../../shared/bridge';
import type { ClientLimits, HttpMethod } from './types';

export interface Outgoing {
  method: HttpMethod;
  url: URL;
  headers: Record<string, string>;
  /** Sent only to the origin of `url` (and redirects that stay on it). */
  auth?: { name: string; value: string } | undefined;
  body?: string | undefined;
}

export interface Incoming {
  status: number;
  headers: Record<string, string | undefined>;
  body: Dispatcher.ResponseData['body'];
  url: URL;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function header(headers: Dispatcher.ResponseData['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * One HTTP exchange with redirects followed by hand: undici's automatic redirect would keep the
 * Authorization header, and a redirect to another origin must never carry the token (fault
 * case 9, docs/architecture.md). Writes follow only 307/308, which keep the method and body by definition.
 */
export async function exchange(
  dispatcher: Dispatcher,
  out: Outgoing,
  limits: Pick<ClientLimits, 'maxRedirects'>,
  signal: AbortSignal,
): Promise<Incoming> {
  let url = out.url;
  let auth = out.auth;
  for (let hop = 0; ; hop++) {
    const headers = { ...out.headers, ...(auth ? { [auth.name.toLowerCase()]: auth.value } : {}) };
    const res = await request(url, {
      dispatcher,
      method: out.method,
      headers,
      body: out.body ?? null,
      signal,
    });
    const location = header(res.headers, 'location');
    if (!REDIRECTS.has(res.statusCode) || !location) {
      const flat: Record<string, string | undefined> = {};
      for (const name of Object.keys(res.headers))
        flat[name.toLowerCase()] = header(res.headers, name);
      return { status: res.statusCode, headers: flat, body: res.body, url };
    }
    await res.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
    if (hop >= limits.maxRedirects)
      fail(
        'http',
        `Too many redirects (more than ${limits.maxRedirects}) from ${out.url.pathname}.`,
      );
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      fail('contract', `The API redirected to an unreadable address.`, { status: res.statusCode });
    }
    if (next.protocol !== 'https:' && next.protocol !== 'http:') {
      fail('contract', `The API redirected to a non-HTTP address (${next.protocol}).`, {
        status: res.statusCode,
      });
    }
    // The rule of a base URL holds for where a redirect leads: https, or plain http on this
    // machine. Otherwise what comes back could be shown and cached as the API's answer.
    if (!isAllowedApiUrl(next)) {
      fail(
        'contract',
        `The API redirected to ${next.origin}, which is neither https nor this machine; the redirect was not followed.`,
        { status: res.statusCode },
      );
    }
    if (out.method !== 'GET' && res.statusCode !== 307 && res.statusCode !== 308) {
      fail(
        'http',
        `The API redirected this ${out.method} (${res.statusCode}) instead of applying it; nothing was changed.`,
        { status: res.statusCode },
      );
    }
    // A write's body can carry new provider secrets: it follows a redirect on the same origin only.
    if (out.method !== 'GET' && next.origin !== url.origin) {
      fail(
        'http',
        `The API redirected this ${out.method} to another server (${next.origin}); nothing was sent there.`,
        { status: res.statusCode },
      );
    }
    // Origin = scheme + host + port: a downgrade to http on the same host also loses the token.
    if (next.origin !== url.origin) auth = undefined;
    url = next;
  }
}
