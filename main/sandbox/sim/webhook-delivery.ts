import { Agent, request } from 'undici';
import type { StoredWebhook } from '../store/schema';
import { signStandardWebhook } from './webhook-signing';

export const WEBHOOK_TIMEOUT_MS = 15_000;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}

export interface DeliveryResult {
  ok: boolean;
  httpStatus?: number;
  durationMs: number;
  retryAfterMs?: number;
  /** 429, 5xx, timeouts and network errors are retried; other 4xx and 3xx are permanent. */
  retryable: boolean;
  error?: { code: string; message: string };
  responseBody?: string;
}

/** The auth headers of each `authType` (our design, shared/contract/webhooks.ts). */
export function authHeaders(
  hook: StoredWebhook,
  messageId: string,
  timestampSec: number,
  body: string,
): Record<string, string> {
  const c = hook.authConfig;
  switch (hook.authType) {
    case 'bearer':
      return { authorization: `Bearer ${c.token ?? ''}` };
    case 'basic':
      return {
        authorization: `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`).toString('base64')}`,
      };
    case 'api_key':
      return { [(c.headerName ?? 'x-api-key').toLowerCase()]: c.key ?? '' };
    case 'hmac':
    case 'signature':
      return {
        'webhook-id': messageId,
        'webhook-timestamp': String(timestampSec),
        'webhook-signature': signStandardWebhook(c.secret ?? '', messageId, timestampSec, body),
      };
    case 'none':
      return {};
  }
}

/** Real HTTP delivery over a dedicated agent, so close() can drop every socket it opened. */
export class WebhookSender {
  private readonly agent = new Agent({
    connections: 32,
    headersTimeout: WEBHOOK_TIMEOUT_MS,
    bodyTimeout: WEBHOOK_TIMEOUT_MS,
  });

  constructor(private readonly allowExternal: boolean) {}

  async send(hook: StoredWebhook, messageId: string, body: string): Promise<DeliveryResult> {
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    if (!this.allowExternal && !isLoopbackUrl(hook.url)) {
      return {
        ok: false,
        durationMs: 0,
        retryable: false,
        error: {
          code: 'external_url_blocked',
          message:
            'The sandbox only delivers to loopback URLs (start it with --allow-external-webhooks)',
        },
      };
    }
    const ts = Math.floor(Date.now() / 1000);
    try {
      const res = await request(hook.url, {
        method: 'POST',
        dispatcher: this.agent,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Selwise-Webhooks/1.0 (sandbox)',
          ...authHeaders(hook, messageId, ts, body),
        },
        body,
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      const text = await readCapped(res.body, 4096);
      const status = res.statusCode;
      const retryAfter = Number(res.headers['retry-after']);
      const ok = status >= 200 && status < 300;
      return {
        ok,
        httpStatus: status,
        durationMs: elapsed(),
        retryable: status === 429 || status >= 500,
        ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}),
        ...(ok
          ? {}
          : {
              error: {
                code: `http_${status}`,
                message:
                  status >= 300 && status < 400
                    ? 'redirects count as failures'
                    : text || `HTTP ${status}`,
              },
            }),
        responseBody: text,
      };
    } catch (err) {
      const e = err as Error & { code?: string };
      const timeout =
        e.name === 'TimeoutError' ||
        e.code === 'UND_ERR_HEADERS_TIMEOUT' ||
        e.code === 'UND_ERR_BODY_TIMEOUT';
      return {
        ok: false,
        durationMs: elapsed(),
        retryable: true,
        error: { code: timeout ? 'timeout' : (e.code ?? 'network_error'), message: e.message },
      };
    }
  }

  async close(): Promise<void> {
    await this.agent.destroy();
  }
}

/** Reads at most `max` bytes of a receiver's answer (kept for the log), then drops the rest. */
async function readCapped(
  body: AsyncIterable<Buffer> & { destroy(): unknown },
  max: number,
): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size >= max) {
      body.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8').slice(0, 500);
}
