import { createHmac, timingSafeEqual } from 'node:crypto';

/** Standard Webhooks keys are `whsec_<base64>`; a bare string is used as raw bytes. */
function keyBytes(secret: string): Buffer {
  return secret.startsWith('whsec_')
    ? Buffer.from(secret.slice(6), 'base64')
    : Buffer.from(secret, 'utf8');
}

export function signStandardWebhook(
  secret: string,
  id: string,
  timestampSec: number,
  body: string,
): string {
  const mac = createHmac('sha256', keyBytes(secret))
    .update(`${id}.${timestampSec}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

/** The receiver side: any of the space-separated v1 signatures matches, timestamp within 5 minutes. */
export function verifyStandardWebhook(
  secret: string,
  headers: { id?: string; timestamp?: string; signature?: string },
  body: string,
  nowSec = Math.floor(Date.now() / 1000),
): { ok: true } | { ok: false; reason: string } {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature)
    return { ok: false, reason: 'missing webhook-id, webhook-timestamp or webhook-signature' };
  const ts = Number(timestamp);
  if (!Number.isInteger(ts) || Math.abs(nowSec - ts) > 300)
    return { ok: false, reason: 'timestamp outside the 5 minute tolerance' };
  const expected = Buffer.from(signStandardWebhook(secret, id, ts, body));
  const ok = signature.split(' ').some((s) => {
    const given = Buffer.from(s);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return ok ? { ok: true } : { ok: false, reason: 'signature mismatch' };
}
