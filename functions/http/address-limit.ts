import type { GuardStore } from '../stores/guard-store';
import { tooManyRequests } from './errors';

export interface AddressLimitOptions {
  /**
   * 1: every request is counted in the store. k > 1: each request is counted with probability 1/k,
   * as k requests, so the store's count stays an unbiased estimate of the address's requests while
   * a conversation's few turns mostly cost no write (AWS deploys k = 4).
   */
  sampling: number;
  /** A number in [0, 1); injected so tests can say which requests are sampled. */
  random?: () => number;
  /** Addresses this process remembers as refused for the rest of their window. */
  remember?: number;
}

/**
 * A fixed-window limit per source address over the guard store's counters, sampled.
 *
 * Why sampled: the per-address counter was a write on every web turn and every poll — a third of
 * a conversation's DynamoDB write units — to catch what only shows at volume: one address sending
 * far more than any citizen does. At that volume sampling is accurate (its error shrinks as the
 * count grows), while a citizen's six turns cost one or two writes instead of six. An address the
 * store has refused is then refused by this process without another write until its window ends.
 */
export function createAddressLimit(guards: Pick<GuardStore, 'hit'>, options: AddressLimitOptions) {
  const sampling = Math.max(1, Math.floor(options.sampling));
  const random = options.random ?? Math.random;
  const remember = options.remember ?? 10_000;
  /** Refused addresses: key → epoch second their window ends (oldest first, bounded). */
  const refused = new Map<string, number>();

  return async function limit(key: string, perMinute: number, now: Date): Promise<void> {
    const nowS = now.getTime() / 1000;
    const until = refused.get(key);
    if (until !== undefined) {
      if (until > nowS) throw tooManyRequests(until - nowS);
      refused.delete(key);
    }
    if (sampling > 1 && random() * sampling >= 1) return;
    const { count, resetInSeconds } = await guards.hit(key, now, 60, sampling);
    if (count <= perMinute) return;
    refused.set(key, nowS + resetInSeconds);
    if (refused.size > remember) refused.delete(refused.keys().next().value as string);
    throw tooManyRequests(resetInSeconds);
  };
}
