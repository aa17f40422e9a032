import type { IncomingMessage } from 'node:http';
import { safeEqual } from '../base/safe-equal';
import { HttpError } from './errors';

/**
 * Bearer token by default; `x-api-key` for connections configured with a header scheme. Compared
 * on digests in constant time so neither the value nor its length leaks through timing.
 */
export function createAuth(token: string): (req: IncomingMessage) => string {
  return (req) => {
    const header = req.headers.authorization;
    const bearer =
      typeof header === 'string' && /^Bearer\s+/i.test(header)
        ? header.replace(/^Bearer\s+/i, '').trim()
        : undefined;
    const apiKey = req.headers['x-api-key'];
    const presented = bearer ?? (typeof apiKey === 'string' ? apiKey.trim() : undefined);
    if (!presented) {
      throw new HttpError(
        401,
        'Missing credentials: send Authorization: Bearer <token>',
        undefined,
        undefined,
        {
          'www-authenticate': 'Bearer realm="sandbox"',
        },
      );
    }
    if (!safeEqual(presented, token)) {
      throw new HttpError(401, 'Invalid token', undefined, undefined, {
        'www-authenticate': 'Bearer realm="sandbox", error="invalid_token"',
      });
    }
    return presented;
  };
}
