import { vietnamDate } from '../shared/vietnam-time';
import type { TablePort } from './table-port';

/**
 * Daily counters (Vietnam-local days) for the reports: conversations started and conversations
 * handed to staff, so the share answered without staff needs no scan of the transcripts.
 */
export type Counter = 'conversations' | 'escalations';

export interface StatsStore {
  /** Adds `by` (1 unless said; -1 takes back a count whose turn was not committed). */
  count(counter: Counter, at: Date, by?: number): Promise<void>;
  /** Sums per counter over local days `fromDay`..`toDay` (YYYY-MM-DD, inclusive). */
  sum(fromDay: string, toDay: string): Promise<Record<Counter, number>>;
}

export const localDay = vietnamDate;

export function createStatsStore(table: TablePort): StatsStore {
  return {
    async count(counter, at, by = 1) {
      const day = localDay(at);
      await table.increment('STATS#daily', day, counter, by, { gsi1pk: 'STATS', gsi1sk: day });
    },
    async sum(fromDay, toDay) {
      const rows = await table.query('STATS#daily', { between: [fromDay, toDay] });
      const total: Record<Counter, number> = { conversations: 0, escalations: 0 };
      for (const r of rows) {
        total.conversations += typeof r.conversations === 'number' ? r.conversations : 0;
        total.escalations += typeof r.escalations === 'number' ? r.escalations : 0;
      }
      return total;
    },
  };
}
