import { epochSeconds } from '../shared/clock';
import { ConditionFailedError, type TablePort } from './table-port';

/** One attempt taken from a limited budget (see `reserveAttempt`). */
export interface AttemptReservation {
  /** False once the window's `limit` attempts are all taken: the caller must not try. */
  granted: boolean;
  /** Attempts still left in the window after this one (0 when refused). */
  remaining: number;
  resetInSeconds: number;
}

/**
 * Counters that protect the service: once-only claims (webhook de-duplication), fixed-window rate
 * limits, attempt budgets reserved before a secret is compared (dossier phone checks), and lock-outs.
 */
export interface GuardStore {
  /** True the first time `key` is claimed within `ttlSeconds`, false on every repeat. */
  claimOnce(key: string, now: Date, ttlSeconds: number): Promise<boolean>;
  /** Gives a claim back (the work it guarded could not be handed on), so a redelivery is processed. */
  release(key: string): Promise<void>;
  /** Counts a hit in the current window; returns the count so far in it. */
  hit(key: string, now: Date, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }>;
  /**
   * Takes one of `limit` attempts of the current fixed window, atomically (one conditional counter:
   * each caller gets its own ticket number), BEFORE the caller compares anything. Concurrent callers
   * can never get more than `limit` grants between them; check-then-count could. With `eventId` (the
   * citizen's message id) a turn run again for the same message gets its first ticket back instead
   * of taking another.
   */
  reserveAttempt(
    key: string,
    now: Date,
    windowSeconds: number,
    limit: number,
    eventId?: string,
  ): Promise<AttemptReservation>;
  /**
   * Gives a granted attempt back: it succeeded, and only failures should use up the budget. With
   * `eventId`, only once per message however often the turn runs.
   */
  returnAttempt(key: string, now: Date, windowSeconds: number, eventId?: string): Promise<void>;
  lock(key: string, until: Date): Promise<void>;
  lockedUntil(key: string, now: Date): Promise<Date | undefined>;
}

export function createGuardStore(table: TablePort): GuardStore {
  return {
    async claimOnce(key, now, ttlSeconds) {
      try {
        await table.put(
          { pk: `ONCE#${key}`, sk: '-', ttl: epochSeconds(now) + ttlSeconds },
          { ifNotExists: true },
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionFailedError) return false;
        throw error;
      }
    },
    async release(key) {
      await table.delete(`ONCE#${key}`, '-');
    },
    async hit(key, now, windowSeconds) {
      const nowS = epochSeconds(now);
      const window = Math.floor(nowS / windowSeconds);
      const count = await table.increment(`RATE#${key}#${window}`, '-', 'count', 1, {
        ttl: (window + 2) * windowSeconds,
      });
      return { count, resetInSeconds: (window + 1) * windowSeconds - nowS };
    },
    async reserveAttempt(key, now, windowSeconds, limit, eventId) {
      const nowS = epochSeconds(now);
      const window = Math.floor(nowS / windowSeconds);
      const ttl = (window + 2) * windowSeconds;
      const resetInSeconds = (window + 1) * windowSeconds - nowS;
      const answer = (ticket: number): AttemptReservation =>
        ticket <= limit
          ? { granted: true, remaining: limit - ticket, resetInSeconds }
          : { granted: false, remaining: 0, resetInSeconds };
      const receipt = eventId ? `TICKET#${key}#${window}#${eventId}` : undefined;
      if (receipt) {
        const kept = await table.get(receipt, '-');
        if (typeof kept?.ticket === 'number') return answer(kept.ticket);
      }
      const ticket = await table.increment(`ATTEMPT#${key}#${window}`, '-', 'count', 1, { ttl });
      if (receipt) await table.put({ pk: receipt, sk: '-', ticket, returned: false, ttl });
      return answer(ticket);
    },
    async returnAttempt(key, now, windowSeconds, eventId) {
      const window = Math.floor(epochSeconds(now) / windowSeconds);
      const ttl = (window + 2) * windowSeconds;
      if (eventId) {
        // The receipt flips to `returned` once; a second return of the same message changes nothing.
        const receipt = `TICKET#${key}#${window}#${eventId}`;
        const kept = await table.get(receipt, '-');
        if (!kept) return;
        try {
          await table.put(
            { ...kept, returned: true },
            { ifAttributeEquals: { name: 'returned', value: false } },
          );
        } catch (error) {
          if (error instanceof ConditionFailedError) return;
          throw error;
        }
      }
      await table.increment(`ATTEMPT#${key}#${window}`, '-', 'count', -1, { ttl });
    },
    async lock(key, until) {
      await table.put({
        pk: `LOCK#${key}`,
        sk: '-',
        until: until.toISOString(),
        ttl: epochSeconds(until) + 1,
      });
    },
    async lockedUntil(key, now) {
      const item = await table.get(`LOCK#${key}`, '-');
      if (!item) return undefined;
      const until = new Date(item.until as string);
      return until > now ? until : undefined;
    },
  };
}
