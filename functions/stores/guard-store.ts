import { epochSeconds } from '../shared/clock';
import { ConditionFailedError, type TablePort } from './table-port';

/** One attempt taken from a limited budget (see `reserveAttempt`). */
export interface AttemptReservation {
  /** False once the window's `limit` attempts are all taken: the caller must not try. */
  granted: boolean;
  /** Attempts still left in the window after this one (0 when refused). */
  remaining: number;
  resetInSeconds: number;
  /**
   * This message's attempt was taken before and given back (a re-run turn): granted again, as the
   * same comparison may run again, but no longer in the count.
   */
  givenBack?: true;
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
  /** Counts `by` hits (1 unless said) in the current window; returns the count so far in it. */
  hit(
    key: string,
    now: Date,
    windowSeconds: number,
    by?: number,
  ): Promise<{ count: number; resetInSeconds: number }>;
  /**
   * Takes one of `limit` attempts of the current fixed window, atomically, BEFORE the caller
   * compares anything: one conditional update of the window's counter that also records a receipt
   * for `eventId` (the citizen's message id). Concurrent callers can never get more than `limit`
   * grants between them (check-then-count could), and a turn run again for the same message gets its
   * first ticket back instead of taking another. A refusal takes nothing.
   */
  reserveAttempt(
    key: string,
    now: Date,
    windowSeconds: number,
    limit: number,
    eventId: string,
  ): Promise<AttemptReservation>;
  /**
   * Gives the attempt `eventId` took back (it succeeded, or was never compared): only failures
   * should use up the budget. Once per message however often the turn runs; nothing without a grant.
   */
  returnAttempt(key: string, now: Date, windowSeconds: number, eventId: string): Promise<void>;
  /**
   * Attempts counted for `key` in the current window (reserved, not given back), and whether
   * `eventId` holds one of them: a turn run again for the same message is already counted.
   */
  attemptsUsed(
    key: string,
    now: Date,
    windowSeconds: number,
    eventId?: string,
  ): Promise<{ used: number; counted: boolean }>;
  /** Holds `key` until `until`; `tag` is kept with it for the holder to recognise its own lock. */
  lock(key: string, until: Date, tag?: string): Promise<void>;
  /** The lock on `key` still held at `now`, with its tag. */
  readLock(key: string, now: Date): Promise<{ until: Date; tag?: string } | undefined>;
}

/** One item per key and window: the attempt counter, and each message's ticket as `r:<id>`. */
const attemptWindow = (key: string, now: Date, windowSeconds: number) => {
  const nowS = epochSeconds(now);
  const window = Math.floor(nowS / windowSeconds);
  return { pk: `ATTEMPT#${key}#${window}`, nowS, window, windowEnd: (window + 1) * windowSeconds };
};
const receiptOf = (eventId: string) => `r:${eventId}`;

export function createGuardStore(table: TablePort): GuardStore {
  async function readLock(key: string, now: Date) {
    const item = await table.get(`LOCK#${key}`, '-');
    if (!item) return undefined;
    const until = new Date(item.until as string);
    if (until <= now) return undefined;
    return typeof item.tag === 'string' ? { until, tag: item.tag } : { until };
  }

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
    async hit(key, now, windowSeconds, by = 1) {
      const nowS = epochSeconds(now);
      const window = Math.floor(nowS / windowSeconds);
      const count = await table.increment(`RATE#${key}#${window}`, '-', 'count', by, {
        ttl: (window + 2) * windowSeconds,
      });
      return { count, resetInSeconds: (window + 1) * windowSeconds - nowS };
    },
    async reserveAttempt(key, now, windowSeconds, limit, eventId) {
      const { pk, nowS, window, windowEnd } = attemptWindow(key, now, windowSeconds);
      const resetInSeconds = windowEnd - nowS;
      const answer = (ticket: number): AttemptReservation =>
        ticket <= limit
          ? { granted: true, remaining: limit - ticket, resetInSeconds }
          : { granted: false, remaining: 0, resetInSeconds };
      try {
        const ticket = await table.countReceipted(pk, '-', {
          op: 'take',
          counter: 'count',
          receipt: receiptOf(eventId),
          max: limit,
          set: { ttl: (window + 2) * windowSeconds },
        });
        return answer(ticket);
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
      }
      // Refused: this message holds a ticket already (a re-run turn; negative once given back), or
      // the window's budget is spent. Rare, so it may cost a read.
      const kept = (await table.get(pk, '-'))?.[receiptOf(eventId)];
      if (typeof kept !== 'number') return answer(limit + 1);
      return kept < 0 ? { ...answer(-kept), givenBack: true } : answer(kept);
    },
    async attemptsUsed(key, now, windowSeconds, eventId) {
      const item = await table.get(attemptWindow(key, now, windowSeconds).pk, '-');
      const ticket = eventId === undefined ? undefined : item?.[receiptOf(eventId)];
      return {
        used: typeof item?.count === 'number' ? item.count : 0,
        // A negative ticket was given back: it is no longer in the count.
        counted: typeof ticket === 'number' && ticket > 0,
      };
    },
    async returnAttempt(key, now, windowSeconds, eventId) {
      const { pk } = attemptWindow(key, now, windowSeconds);
      try {
        await table.countReceipted(pk, '-', {
          op: 'giveBack',
          counter: 'count',
          receipt: receiptOf(eventId),
        });
      } catch (error) {
        // No ticket for this message, or given back already: a second return changes nothing.
        if (!(error instanceof ConditionFailedError)) throw error;
      }
    },
    async lock(key, until, tag) {
      await table.put({
        pk: `LOCK#${key}`,
        sk: '-',
        until: until.toISOString(),
        ...(tag === undefined ? {} : { tag }),
        ttl: epochSeconds(until) + 1,
      });
    },
    readLock,
  };
}
