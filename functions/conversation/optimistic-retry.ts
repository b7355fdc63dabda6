import { ConditionFailedError } from '../stores/table-port';

/** How many times a write that lost an optimistic-concurrency race is tried again, at most. */
export const MAX_CONFLICT_RETRIES = 8;

/**
 * A pause before trying again that grows with each lost race and is jittered, so writers that
 * collided once do not collide again in lock-step. Bounded (a few hundred ms at most).
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(200, 8 * 2 ** attempt);
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}

export const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it does not end in a ConditionFailedError, with jittered back-off, at most
 * `MAX_CONFLICT_RETRIES + 1` times; then `onExhausted()` says what to throw instead.
 */
export async function retryOnConflict<T>(
  attempt: (n: number) => Promise<T>,
  onExhausted: () => Error,
): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      if (!(error instanceof ConditionFailedError)) throw error;
      if (n >= MAX_CONFLICT_RETRIES) throw onExhausted();
      await pause(backoffMs(n));
    }
  }
}
