import type { ZodError } from 'zod';
import type { ApiErrorBody } from '../../shared/contract/api-error';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  405: 'Method Not Allowed',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export type ErrorDetail = { path: string; message: string };

/** Thrown by handlers; the server turns it into the API's NestJS-style body ({statusCode, error, message, details}). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: ErrorDetail[],
    readonly extra?: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  body(): ApiErrorBody {
    return {
      statusCode: this.status,
      error: REASONS[this.status] ?? 'Error',
      message: this.message,
      ...(this.details ? { details: this.details } : {}),
      ...this.extra,
    };
  }
}

export function zodDetails(err: ZodError, prefix: string[] = []): ErrorDetail[] {
  return err.issues.map((i) => ({
    path: [...prefix, ...i.path.map(String)].join('.') || '(body)',
    message: i.message,
  }));
}

export function unprocessable(err: ZodError, what: string, prefix: string[] = []): HttpError {
  const details = zodDetails(err, prefix);
  const first = details[0];
  return new HttpError(
    422,
    first ? `Invalid ${what}: ${first.path}: ${first.message}` : `Invalid ${what}`,
    details,
  );
}

export const notFound = (message: string) => new HttpError(404, message);
