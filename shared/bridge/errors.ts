import { z } from 'zod';

/**
 * Errors cross the bridge as data, never as stacks (docs/architecture.md, "The bridge"). `auth` and `cancelled`
 * extend the design's list: a revoked token and an operator-cancelled request need their own
 * wording in the UI, and folding them into `http` would make every screen re-derive them.
 */
export const BridgeErrorKind = z.enum([
  'network',
  'timeout',
  'http',
  'auth',
  'not_found',
  'rate_limited',
  'validation',
  'contract',
  'conflict',
  'offline',
  'cancelled',
  'internal',
]);
export type BridgeErrorKind = z.infer<typeof BridgeErrorKind>;

export const ErrorIssue = z.object({ path: z.string(), message: z.string() });
export type ErrorIssue = z.infer<typeof ErrorIssue>;

export const BridgeError = z.object({
  kind: BridgeErrorKind,
  message: z.string(),
  status: z.number().int().optional(),
  /** ISO time after which a rate-limited request may be tried again. */
  retryAt: z.string().optional(),
  issues: z.array(ErrorIssue).optional(),
  /** For `conflict`: the server's current object, so the UI can show what changed. */
  current: z.unknown().optional(),
});
export type BridgeError = z.infer<typeof BridgeError>;

/** Thrown by core services; the bridge dispatcher turns it into a `BridgeError` value. */
export class OpsFailure extends Error {
  readonly error: BridgeError;
  constructor(error: BridgeError) {
    super(error.message);
    this.name = 'OpsFailure';
    this.error = error;
  }
}

export function fail(
  kind: BridgeErrorKind,
  message: string,
  extra: Partial<BridgeError> = {},
): never {
  throw new OpsFailure({ ...extra, kind, message });
}

export const BridgeResult = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: BridgeError }),
]);
export type BridgeResult<T = unknown> = { ok: true; value: T } | { ok: false; error: BridgeError };

/** Zod issues as the flat `{path, message}` list every screen knows how to show. */
export function issuesFromZod(error: z.ZodError): ErrorIssue[] {
  return error.issues.slice(0, 50).map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}
