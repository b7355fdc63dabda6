import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';
import { vietnamCompactDate } from './vietnam-time';

/**
 * Cryptographic random bytes drawn from a pool: ulid asks for one byte per character (16 per id),
 * and a separate `getRandomValues` call for each was a visible share of a turn's CPU.
 */
const POOL_BYTES = 4096;
let pool = randomBytes(POOL_BYTES);
let poolAt = 0;
function pooledRandom(): number {
  if (poolAt >= POOL_BYTES) {
    pool = randomBytes(POOL_BYTES);
    poolAt = 0;
  }
  return (pool[poolAt++] as number) / 256;
}

/** Message and record ids sort by creation time, which `?after=` polling relies on. */
const nextUlid = monotonicFactory(pooledRandom);
export function newId(now: number = Date.now()): string {
  return nextUlid(now);
}

/** A short human reference, e.g. for feedback reports: `PA-261122-4K7Q`. */
export function newReference(prefix: string, now: Date): string {
  // The Vietnam day, as the citizen and staff read it: a report filed at 06:00 in Vietnam is today's.
  const yymmdd = vietnamCompactDate(now);
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  const bytes = randomBytes(4);
  let tail = '';
  for (const b of bytes) tail += alphabet[b % alphabet.length];
  return `${prefix}-${yymmdd}-${tail}`;
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
