import type { Dispatcher } from 'undici';
import { OpsFailure, type BridgeError, type Connection } from '../../../shared/bridge';
import type { RateLimitInfo } from '../../../shared/bridge/calls/api';
import { RateLimitedUntil, type Lease, type RequestBudget } from '../scheduler/request-budget';
import { currentPriority } from '../scheduler/priority';
import type { DiagnosticsRing } from './diagnostics';
import { classifyTransport, DeadlineExceeded } from './errors';
import { exchange } from './exchange';
import { interpret, type Interpreted, type Parse } from './response';
import { backoffDelay, parseRetryAfter, RETRYABLE_STATUSES, sleep } from './retry';
import { readRateLimit } from './rate-limit';
import { scrubDeep, scrubText } from './scrub';
import type { ClientLimits, HttpMethod } from './types';

export interface Request<T> {
  method: HttpMethod;
  /** Path under the connection's base URL, or from the origin root when `fromOrigin` (sandbox drills). */
  path: string;
  fromOrigin?: boolean;
  body?: unknown;
  ifMatch?: string | undefined;
  parse: Parse<T>;
  /** Aborts the call (bridge `api.cancel`). */
  cancel?: AbortSignal | undefined;
}

export interface Answer<T> {
  data: T;
  etag: string | undefined;
  status: number;
  rateLimit?: RateLimitInfo | undefined;
}

/** A failure plus what the service layer needs to decide on stale data and connectivity. */
export class ApiFailure extends OpsFailure {
  constructor(
    error: BridgeError,
    /** false when the request certainly never reached the server (connect-level failure). */
    readonly sent: boolean,
    /** true for network/timeout failures: the API could not be reached at all. */
    readonly unreachable: boolean,
  ) {
    super(error);
    this.name = 'ApiFailure';
  }
}

/**
 * The client of one connection: one keep-alive dispatcher, its auth, its limits. GETs are retried
 * on 429/502/503/504 and network errors; writes never are (docs/architecture.md, "The API client").
 */
export class ApiClient {
  private readonly base: URL;
  constructor(
    readonly connectionId: string,
    private readonly profile: Pick<Connection, 'baseUrl' | 'authScheme' | 'authHeader'>,
    private readonly token: string | undefined,
    private readonly dispatcher: Dispatcher,
    private readonly limits: ClientLimits,
    private readonly diagnostics: DiagnosticsRing,
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
    /** The connection's request scheduler: every API request waits for its turn there. */
    private readonly budget?: RequestBudget,
  ) {
    this.base = new URL(profile.baseUrl);
  }

  private url(path: string, fromOrigin: boolean | undefined): URL {
    const prefix = fromOrigin ? '' : this.base.pathname.replace(/\/+$/, '');
    return new URL(prefix + path, this.base.origin);
  }

  private auth(): { name: string; value: string } | undefined {
    if (!this.token) return undefined;
    if (this.profile.authScheme === 'header' && this.profile.authHeader)
      return { name: this.profile.authHeader, value: this.token };
    return { name: 'authorization', value: `Bearer ${this.token}` };
  }

  /** Calls not finished yet, queued in the budget or between retries included. */
  private active = 0;
  private idle: (() => void) | undefined;

  async send<T>(req: Request<T>): Promise<Answer<T>> {
    this.active++;
    try {
      return await this.sendCounted(req);
    } finally {
      if (--this.active === 0) this.idle?.();
    }
  }

  private async sendCounted<T>(req: Request<T>): Promise<Answer<T>> {
    const started = this.now();
    const url = this.url(req.path, req.fromOrigin);
    const target = `${req.method} ${url.pathname}`;
    const cancel = req.cancel ?? new AbortController().signal;
    const headers: Record<string, string> = {
      accept: 'application/json',
      'user-agent': 'IntegrationOps/0.1',
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    if (req.ifMatch) headers['if-match'] = req.ifMatch;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    let attempts = 0;
    let status: number | undefined;
    const priority = currentPriority();
    for (;;) {
      attempts++;
      // The sandbox's drill control is not an API call: it is neither limited nor budgeted.
      let lease: Lease | undefined;
      if (this.budget && !req.fromOrigin) {
        try {
          lease = await this.budget.acquire(priority, cancel, this.limits.retryAfterCapMs);
        } catch (error) {
          throw this.notSent(req, url, started, attempts, target, error);
        }
      }
      const outcome = await this.attempt(
        req,
        { method: req.method, url, headers, auth: this.auth(), body },
        cancel,
        target,
        lease,
      );
      status = outcome.status ?? status;
      if (outcome.kind === 'ok') {
        this.record(req, url, started, attempts, outcome.answer.status);
        return outcome.answer;
      }
      const wait = this.retryWait(req.method, outcome, attempts);
      if (wait === undefined || cancel.aborted) {
        const failure = this.finalFailure(outcome, attempts);
        this.record(req, url, started, attempts, status, failure.error.kind);
        throw failure;
      }
      try {
        await sleep(wait, cancel);
      } catch {
        const failure = new ApiFailure(
          { kind: 'cancelled', message: `${target} was cancelled.` },
          true,
          false,
        );
        this.record(req, url, started, attempts, status, 'cancelled');
        throw failure;
      }
    }
  }

  private async attempt<T>(
    req: Request<T>,
    out: Parameters<typeof exchange>[1],
    cancel: AbortSignal,
    target: string,
    lease: Lease | undefined,
  ): Promise<Outcome<T>> {
    const deadline = new AbortController();
    let answered: { status: number; headers: Record<string, string | undefined> } | undefined;
    const timer = setTimeout(
      () => deadline.abort(new DeadlineExceeded(this.limits.deadlineMs)),
      this.limits.deadlineMs,
    );
    const signal = AbortSignal.any([cancel, deadline.signal]);
    try {
      const res = await exchange(this.dispatcher, out, this.limits, signal);
      answered = { status: res.status, headers: res.headers };
      const result: Interpreted<T> = await interpret(
        res,
        req.parse,
        this.limits.maxResponseBytes,
        target,
      );
      if (result.ok)
        return {
          kind: 'ok',
          answer: {
            data: result.data,
            etag: result.etag,
            status: result.status,
            rateLimit: readRateLimit(result.headers, this.now()),
          },
          status: result.status,
        };
      return {
        kind: 'http',
        error: result.error,
        status: result.error.status,
        retryAfter: result.retryAfter,
        body: result.body,
      };
    } catch (error) {
      // Our own typed refusals (contract, redirect) are final unless the deadline/cancel caused them.
      if (error instanceof OpsFailure && !signal.aborted)
        return { kind: 'final', error: error.error, status: error.error.status };
      const t = classifyTransport(error, target, { deadline: deadline.signal, cancel });
      return {
        kind: 'transport',
        error: t.error,
        sent: t.sent,
        retryable: t.retryable,
        status: t.error.status,
      };
    } finally {
      clearTimeout(timer);
      if (lease) this.budget?.settle(lease, answered);
    }
  }

  /** Milliseconds to wait before the next attempt, or undefined to stop now. */
  private retryWait<T>(method: HttpMethod, o: Failed<T>, attempts: number): number | undefined {
    if (method !== 'GET' || attempts >= this.limits.maxAttempts) return undefined;
    if (o.kind === 'transport' && o.retryable)
      return backoffDelay(attempts, this.limits, this.random);
    if (o.kind !== 'http' || o.status === undefined || !RETRYABLE_STATUSES.has(o.status))
      return undefined;
    const hinted = parseRetryAfter(o.retryAfter, this.now());
    if (hinted !== undefined && hinted > this.limits.retryAfterCapMs) return undefined;
    return hinted ?? backoffDelay(attempts, this.limits, this.random);
  }

  /** Refused before sending: cancelled while waiting, or the API's Retry-After is too far away. */
  private notSent<T>(
    req: Request<T>,
    url: URL,
    started: number,
    attempts: number,
    target: string,
    error: unknown,
  ): ApiFailure {
    if (error instanceof RateLimitedUntil) {
      const at = new Date(error.retryAt).toISOString();
      this.record(req, url, started, attempts, undefined, 'rate_limited');
      return new ApiFailure(
        {
          kind: 'rate_limited',
          status: 429,
          retryAt: at,
          message: `The API asked this connection to wait (429 Retry-After); ${target} was not sent. Try again after ${at.slice(11, 19)} UTC.`,
        },
        false,
        false,
      );
    }
    this.record(req, url, started, attempts, undefined, 'cancelled');
    return new ApiFailure({ kind: 'cancelled', message: `${target} was cancelled.` }, false, false);
  }

  private finalFailure<T>(o: Failed<T>, attempts: number): ApiFailure {
    let error: BridgeError = { ...o.error };
    if (o.kind === 'http' && o.status === 429) {
      const wait =
        parseRetryAfter(o.retryAfter, this.now()) ??
        backoffDelay(attempts, this.limits, this.random);
      const retryAt = new Date(this.now() + wait);
      error = {
        ...error,
        retryAt: retryAt.toISOString(),
        message: `${error.message} Try again after ${retryAt.toISOString().slice(11, 19)} UTC.`,
      };
    } else if (o.kind === 'http' && error.kind === 'conflict') {
      // Our sandbox sends the stored object with a 412; other servers may not (endpoints.ts re-reads).
      const current = (o.body as { current?: unknown } | undefined)?.current;
      if (current !== undefined) error = { ...error, current };
    } else if (attempts > 1) {
      error = { ...error, message: `${error.message} (after ${attempts} attempts)` };
    }
    const secrets = [this.token];
    const clean = scrubDeep(
      { ...error, message: scrubText(error.message, secrets) },
      secrets,
    ) as BridgeError;
    const sent = o.kind === 'transport' ? o.sent : true;
    const unreachable =
      o.kind === 'transport' && (clean.kind === 'network' || clean.kind === 'timeout');
    return new ApiFailure(clean, sent, unreachable);
  }

  private record<T>(
    req: Request<T>,
    url: URL,
    started: number,
    attempts: number,
    status: number | undefined,
    errorKind?: string,
  ): void {
    this.diagnostics.record({
      at: new Date(started).toISOString(),
      connectionId: this.connectionId,
      method: req.method,
      path: scrubText(url.pathname + url.search, [this.token]),
      ...(status !== undefined ? { status } : {}),
      durationMs: this.now() - started,
      attempts,
      ...(errorKind ? { errorKind } : {}),
    });
  }

  async close(): Promise<void> {
    await this.dispatcher.close().catch(() => undefined);
  }

  /**
   * Closes once every call already made has finished. A call can wait its turn in the connection's
   * request budget for seconds, then retry: closing the dispatcher under it (a profile edit)
   * destroyed those calls, and a rollout halted on the failed read.
   */
  async drainAndClose(): Promise<void> {
    if (this.active > 0) await new Promise<void>((done) => (this.idle = done));
    await this.close();
  }
}

type Failed<T> = Exclude<Outcome<T>, { kind: 'ok' }>;
type Outcome<T> =
  | { kind: 'ok'; answer: Answer<T>; status: number | undefined }
  | {
      kind: 'http';
      error: BridgeError;
      status: number | undefined;
      retryAfter: string | undefined;
      body: unknown;
    }
  | { kind: 'final'; error: BridgeError; status: number | undefined }
  | {
      kind: 'transport';
      error: BridgeError;
      sent: boolean;
      retryable: boolean;
      status: number | undefined;
    };
