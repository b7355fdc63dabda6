import { isTransient } from './errors';

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export interface RetryPolicy {
  /** Total tries, the first included. */
  attempts: number;
  /** Delay before the second try; doubled for each following one. */
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: Sleep;
  /** In [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

/**
 * Small and bounded: the processor must finish well inside its Lambda timeout, and a failure that
 * outlives these tries is retried by Lambda's own asynchronous retry of the whole job.
 */
export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 250,
  maxDelayMs: 2_000,
  sleep: realSleep,
  random: Math.random,
};

/** "Full jitter" back-off: a random delay up to the exponential ceiling, so retries spread out. */
export function backoffDelay(policy: RetryPolicy, retryIndex: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.round(ceiling / 2 + (policy.random() * ceiling) / 2);
}

/** Runs `task`, retrying transient failures only (network, 5xx, rate limit). */
export async function withBackoff<T>(policy: RetryPolicy, task: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task();
    } catch (error) {
      if (!isTransient(error) || attempt >= policy.attempts) throw error;
      await policy.sleep(backoffDelay(policy, attempt - 1));
    }
  }
}
