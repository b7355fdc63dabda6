import { epochSeconds } from '../shared/clock';
import { newId } from '../shared/ids';
import { ConditionFailedError, type TablePort } from './table-port';

/**
 * Counters that protect the service: once-only claims (webhook de-duplication), fixed-window rate
 * limits, and sliding-window failure counts with lock-outs (dossier phone checks).
 */
export interface GuardStore {
  /** True the first time `key` is claimed within `ttlSeconds`, false on every repeat. */
  claimOnce(key: string, now: Date, ttlSeconds: number): Promise<boolean>;
  /** Gives a claim back (the work it guarded could not be handed on), so a redelivery is processed. */
  release(key: string): Promise<void>;
  /** Counts a hit in the current window; returns the count so far in it. */
  hit(key: string, now: Date, windowSeconds: number): Promise<{ count: number; resetInSeconds: number }>;
  /**
   * Records one failure and returns how many happened in the last `windowSeconds`. With `eventId`
   * (the citizen's message id) recording the same failure again does not count it twice.
   */
  recordFailure(key: string, now: Date, windowSeconds: number, eventId?: string): Promise<number>;
  failures(key: string, now: Date, windowSeconds: number): Promise<number>;
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
    async recordFailure(key, now, windowSeconds, eventId) {
      await table.put({
        pk: `FAIL#${key}`,
        sk: `${now.toISOString()}#${eventId ?? newId()}`,
        ttl: epochSeconds(now) + windowSeconds,
      });
      return this.failures(key, now, windowSeconds);
    },
    async failures(key, now, windowSeconds) {
      const since = new Date(now.getTime() - windowSeconds * 1000).toISOString();
      const items = await table.query(`FAIL#${key}`, { after: since });
      return items.length;
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
