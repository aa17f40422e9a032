import { ApiErrorBody } from '../../../shared/contract';
import type { BridgeError } from '../../../shared/bridge';

/** Abort reasons we set ourselves, so an abort can be told apart from a network failure. */
export class DeadlineExceeded extends Error {
  constructor(readonly ms: number) {
    super(`no complete answer within ${ms} ms`);
  }
}
export class CancelledByOperator extends Error {
  constructor() {
    super('cancelled');
  }
}

/**
 * A transport failure, classified. `sent` says whether the request may have reached the server:
 * a write that failed before sending was certainly not applied ("offline"), one that failed after
 * may or may not have been.
 */
export interface TransportFailure {
  error: BridgeError;
  sent: boolean;
  retryable: boolean;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'UND_ERR_CONNECT_TIMEOUT',
]);
const TLS_HINT =
  'the server certificate is not trusted; if your network uses its own CA, add its PEM file to the connection';

export function codeOf(error: unknown): string | undefined {
  let e: unknown = error;
  // undici wraps socket errors; the useful code is often on the cause.
  for (let i = 0; i < 4 && e && typeof e === 'object'; i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
    e = (e as { cause?: unknown }).cause;
  }
  const top = (error as { code?: unknown } | null)?.code;
  return typeof top === 'string' ? top : undefined;
}

/** A certificate the TLS handshake did not accept (unknown CA, expired, wrong name). */
export const isTlsCode = (code: string): boolean =>
  /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/i.test(code);

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function classifyTransport(
  error: unknown,
  target: string,
  signals: { deadline: AbortSignal; cancel: AbortSignal },
): TransportFailure {
  if (signals.cancel.aborted) {
    return {
      error: { kind: 'cancelled', message: `Request to ${target} was cancelled.` },
      sent: true,
      retryable: false,
    };
  }
  if (signals.deadline.aborted) {
    const ms = signals.deadline.reason instanceof DeadlineExceeded ? signals.deadline.reason.ms : 0;
    return {
      error: {
        kind: 'timeout',
        message: `${target} gave no complete answer within ${ms / 1000} s (deadline).`,
      },
      sent: true,
      retryable: true,
    };
  }
  const code = codeOf(error) ?? '';
  const msg = messageOf(error);
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return {
      error: {
        kind: 'timeout',
        message: `Could not connect to ${target} in time (connect timeout).`,
      },
      sent: false,
      retryable: true,
    };
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return {
      error: {
        kind: 'timeout',
        message: `${target} accepted the connection but sent no answer in time.`,
      },
      sent: true,
      retryable: true,
    };
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return {
      error: {
        kind: 'timeout',
        message: `${target} stopped sending its answer midway (body timeout).`,
      },
      sent: true,
      retryable: true,
    };
  }
  if (isTlsCode(code)) {
    return {
      error: {
        kind: 'network',
        message: `TLS failure talking to ${target} (${code}): ${TLS_HINT}.`,
      },
      sent: false,
      retryable: false,
    };
  }
  const proxy = /Proxy (?:response|Authentication Required) \((\d+)\)/.exec(msg);
  if (proxy) {
    const status = Number(proxy[1]);
    const why =
      status === 407
        ? 'the proxy requires authentication (407)'
        : `the proxy refused the tunnel (${status})`;
    return {
      error: {
        kind: 'network',
        message: `Cannot reach ${target} through the proxy: ${why}.`,
        status,
      },
      sent: false,
      retryable: false,
    };
  }
  if (CONNECT_CODES.has(code)) {
    return {
      error: { kind: 'network', message: `Cannot reach ${target} (${code}).` },
      sent: false,
      retryable: true,
    };
  }
  if (
    code === 'ECONNRESET' ||
    code === 'EPIPE' ||
    code === 'UND_ERR_SOCKET' ||
    code === 'UND_ERR_CLOSED' ||
    /other side closed|socket/i.test(msg)
  ) {
    return {
      error: {
        kind: 'network',
        message: `The connection to ${target} was cut (${code || 'closed'}).`,
      },
      sent: true,
      retryable: true,
    };
  }
  return {
    error: { kind: 'network', message: `Request to ${target} failed: ${code || msg}.` },
    sent: true,
    retryable: true,
  };
}

/** The server's own words from an error body, or undefined when it sent none we can read. */
export function serverMessage(body: unknown): { message?: string; issues?: BridgeError['issues'] } {
  const parsed = ApiErrorBody.safeParse(body);
  if (!parsed.success) return {};
  const m = parsed.data.message;
  const message = (Array.isArray(m) ? m.join('; ') : m).slice(0, 500);
  const issues = parsed.data.details
    ?.slice(0, 50)
    .map((d) => ({ path: d.path, message: d.message }));
  return { message, ...(issues ? { issues } : {}) };
}

export function httpError(status: number, body: unknown, target: string): BridgeError {
  const { message, issues } = serverMessage(body);
  const said = message ? `: ${message}` : '';
  if (status === 401)
    return {
      kind: 'auth',
      status,
      message: `The API refused the token (401)${said}. Check or replace the connection's token.`,
    };
  if (status === 403)
    return { kind: 'auth', status, message: `The token has no access to this site (403)${said}.` };
  if (status === 404)
    return { kind: 'not_found', status, message: `Not found: ${target} (404)${said}.` };
  if (status === 409 || status === 412)
    return {
      kind: 'conflict',
      status,
      message: `Someone else changed this object since it was read (${status})${said}. Review the current version and apply your change again.`,
    };
  if (status === 400 || status === 422)
    return {
      kind: 'validation',
      status,
      message: `The API rejected the request (${status})${said}.`,
      ...(issues ? { issues } : {}),
    };
  if (status === 429)
    return { kind: 'rate_limited', status, message: `Rate limited by the API (429)${said}.` };
  return { kind: 'http', status, message: `The API answered ${status} for ${target}${said}.` };
}
