import type { GuardStore } from '../../stores/guard-store';

/** Zalo retries deliveries for hours; a day and a half covers every documented schedule. */
export const EVENT_CLAIM_TTL_SECONDS = 36 * 3600;

/**
 * Once-only claims of webhook events (a conditional write). A claim is released when handing the
 * event to the processor failed, so that Zalo's retry of the same delivery is processed rather than
 * dropped as a duplicate.
 */
export interface EventClaims {
  claim(key: string, now: Date): Promise<boolean>;
  release(key: string): Promise<void>;
}

export function createEventClaims(guards: GuardStore): EventClaims {
  return {
    claim: (key, now) => guards.claimOnce(key, now, EVENT_CLAIM_TTL_SECONDS),
    release: (key) => guards.release(key),
  };
}
