import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { AppConfig } from '../../config/config';

export type SignatureVariant = AppConfig['zalo']['signatureVariant'];
export const SIGNATURE_VARIANTS: readonly SignatureVariant[] = [
  'oa_secret_sha256',
  'app_secret_sha256',
  'oa_secret_hmac',
];

export interface SignatureKeys {
  appId?: string;
  oaSecretKey?: string;
  appSecret?: string;
}

/**
 * The MAC Zalo puts in `X-ZEvent-Signature` (reference §1). Sources disagree, hence the variants:
 * - `oa_secret_sha256` (the documented one): sha256_hex(appId + rawBody + timestamp + OA secret key);
 * - `app_secret_sha256`: the same hash with the App Secret;
 * - `oa_secret_hmac`: HMAC-SHA256 keyed with the OA secret key over appId + rawBody + timestamp.
 * Returns `undefined` when the keys the variant needs are not configured.
 */
export function computeSignature(
  variant: SignatureVariant,
  keys: SignatureKeys,
  rawBody: string,
  timestamp: string,
): string | undefined {
  const { appId } = keys;
  if (!appId) return undefined;
  switch (variant) {
    case 'oa_secret_sha256':
      return keys.oaSecretKey ? sha256Hex(appId + rawBody + timestamp + keys.oaSecretKey) : undefined;
    case 'app_secret_sha256':
      return keys.appSecret ? sha256Hex(appId + rawBody + timestamp + keys.appSecret) : undefined;
    case 'oa_secret_hmac':
      return keys.oaSecretKey
        ? createHmac('sha256', keys.oaSecretKey)
            .update(appId + rawBody + timestamp, 'utf8')
            .digest('hex')
        : undefined;
  }
}

const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** `mac=<hex>` as seen in real deliveries; a bare hex value is accepted too. */
export function parseSignatureHeader(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const hex = value.trim().replace(/^mac=/iu, '').trim().toLowerCase();
  return /^[0-9a-f]{64}$/u.test(hex) ? hex : undefined;
}

export function constantTimeEqualHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/** Constant-time comparison of two secrets of any length (the Bot Platform's header). */
export function constantTimeEqualText(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b) && given.length === expected.length;
}

export type SignatureCheck =
  | { ok: true; variant: SignatureVariant }
  /** `otherVariant`: a variant other than the configured one that would have matched (bring-up aid). */
  | { ok: false; reason: 'not_configured' | 'missing' | 'mismatch'; otherVariant?: SignatureVariant };

export function checkSignature(
  configured: SignatureVariant,
  keys: SignatureKeys,
  rawBody: string,
  timestamp: string | undefined,
  headerValue: string | undefined,
): SignatureCheck {
  const expected = computeSignature(configured, keys, rawBody, timestamp ?? '');
  if (!expected) return { ok: false, reason: 'not_configured' };
  const given = parseSignatureHeader(headerValue);
  if (!given || timestamp === undefined) return { ok: false, reason: 'missing' };
  if (constantTimeEqualHex(given, expected)) return { ok: true, variant: configured };
  // Only a hint for the operator: the event is refused all the same until the variant is pinned.
  const otherVariant = SIGNATURE_VARIANTS.find((v) => {
    if (v === configured) return false;
    const candidate = computeSignature(v, keys, rawBody, timestamp);
    return candidate !== undefined && constantTimeEqualHex(given, candidate);
  });
  return { ok: false, reason: 'mismatch', ...(otherVariant ? { otherVariant } : {}) };
}
