import { epochSeconds } from '../../shared/clock';
import type { TablePort } from '../../stores/table-port';

/**
 * "Taken over in Zalo": a person at the OA answered the citizen in Zalo's own OA manager (the
 * `oa_send_*` echo carries `sender.admin_id`). For a while the assistant stays silent for that
 * citizen, so two voices do not answer at once; the staff console shows it.
 */
export interface TakeoverStore {
  mark(userId: string, adminId: string | undefined, now: Date, hours: number): Promise<void>;
  /** Until when the assistant is silent for this citizen; undefined when it is not. */
  activeUntil(userId: string, now: Date): Promise<Date | undefined>;
  clear(userId: string): Promise<void>;
}

export function createTakeoverStore(table: TablePort): TakeoverStore {
  const pk = (userId: string) => `ZALO#TAKEOVER#${userId}`;
  return {
    async mark(userId, adminId, now, hours) {
      const until = new Date(now.getTime() + hours * 3_600_000);
      await table.put({
        pk: pk(userId),
        sk: 'zalo',
        until: until.toISOString(),
        // Which OA admin (Zalo's id of the OA's staff account, not the citizen) answered last.
        ...(adminId ? { adminId } : {}),
        ttl: epochSeconds(until),
      });
    },
    async activeUntil(userId, now) {
      const item = await table.get(pk(userId), 'zalo');
      if (typeof item?.until !== 'string') return undefined;
      const until = new Date(item.until);
      return until.getTime() > now.getTime() ? until : undefined;
    },
    async clear(userId) {
      await table.delete(pk(userId), 'zalo');
    },
  };
}
