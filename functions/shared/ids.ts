import { createHash, randomBytes } from 'node:crypto';
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

const REFERENCE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
function reference(prefix: string, now: Date, bytes: Uint8Array): string {
  const yymmdd = vietnamCompactDate(now);
  let tail = '';
  for (const b of bytes.subarray(0, 4)) tail += REFERENCE_ALPHABET[b % REFERENCE_ALPHABET.length];
  return `${prefix}-${yymmdd}-${tail}`;
}

/** A short human reference, e.g. for feedback reports: `PA-261122-4K7Q` (the Vietnam date). */
export function newReference(prefix: string, now: Date): string {
  return reference(prefix, now, randomBytes(4));
}

/**
 * The same form, derived from a unique seed (the id of the message that caused it): the same seed
 * always gives the same reference, so writing the record again is recognised as a repeat.
 */
export function derivedReference(prefix: string, now: Date, seed: string): string {
  return reference(prefix, now, createHash('sha256').update(seed).digest());
}

export function randomToken(bytes = 24): string {
  return randomBytes(bytes).toString('base64url');
}
