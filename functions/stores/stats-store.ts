import { vietnamDate } from '../shared/vietnam-time';
import type { TablePort } from './table-port';

/**
 * Daily counters (Vietnam-local days) for the reports: conversations started and conversations
 * handed to staff, so the share answered without staff needs no scan of the transcripts.
 */
export type Counter = 'conversations' | 'escalations';

export interface StatsStore {
  count(counter: Counter, at: Date): Promise<void>;
  /** Sums per counter over local days `fromDay`..`toDay` (YYYY-MM-DD, inclusive). */
  sum(fromDay: string, toDay: string): Promise<Record<Counter, number>>;
}

export const localDay = vietnamDate;

export function createStatsStore(table: TablePort): StatsStore {
  return {
    async count(counter, at) {
      const day = localDay(at);
      await table.increment('STATS#daily', day, counter, 1, { gsi1pk: 'STATS', gsi1sk: day });
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
