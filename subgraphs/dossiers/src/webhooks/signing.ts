// Signing a webhook delivery: HMAC-SHA256 with the webhook's secret over `<timestamp>.<body>`, sent
// as `x-formations-signature: t=<unix seconds>,v1=<hex>`. The receiver recomputes it over the raw
// body it read, compares in constant time, and refuses a timestamp too far from its clock (replays).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-formations-signature';
export const EVENT_ID_HEADER = 'x-formations-event-id';
export const DELIVERY_HEADER = 'x-formations-delivery-attempt';

export const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

export const signatureOf = (secret: string, timestamp: number, body: string) => createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');

export const signatureHeader = (secret: string, timestamp: number, body: string) => `t=${timestamp},v1=${signatureOf(secret, timestamp, body)}`;

/**
 * What a receiver does (and our tests): true when one of the header's v1 signatures is the body's
 * and its timestamp is within `toleranceSeconds` of `nowSeconds`.
 */
export function verifySignature(secret: string, header: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!header) return false;
  const parts = header.split(',').map((p) => p.trim().split('=') as [string, string]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  if (!Number.isSafeInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(signatureOf(secret, t, body), 'hex');
  return parts
    .filter(([k]) => k === 'v1')
    .some(([, v]) => {
      const given = Buffer.from(v ?? '', 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
