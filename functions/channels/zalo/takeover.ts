import type { Stores } from '../../stores';
import { takenOverUntilOf, zaloStateStore } from './session-state';

/**
 * "Taken over in Zalo": a person at the OA answered the citizen in Zalo's own OA manager (the
 * `oa_send_*` echo carries `sender.admin_id`). For a while the assistant stays silent for that
 * citizen, so two voices do not answer at once; the staff console shows it. Kept in the session
 * (`Session.zalo.takenOverUntil`), which every turn reads anyway: checking it costs a turn nothing.
 */
export interface TakeoverStore {
  mark(userId: string, adminId: string | undefined, now: Date, hours: number): Promise<void>;
  /** Until when the assistant is silent for this citizen; undefined when it is not. */
  activeUntil(userId: string, now: Date): Promise<Date | undefined>;
}

export function createTakeoverStore(stores: Pick<Stores, 'conversations'>): TakeoverStore {
  const sessions = zaloStateStore(stores.conversations);
  const ref = (userId: string) => ({ channel: 'zalo' as const, userId });
  return {
    async mark(userId, adminId, now, hours) {
      const until = new Date(now.getTime() + hours * 3_600_000);
      await sessions.update(ref(userId), now, (state) => {
        const { takenOverBy: _previous, ...rest } = state;
        return { ...rest, takenOverUntil: until.toISOString(), ...(adminId ? { takenOverBy: adminId } : {}) };
      });
    },
    async activeUntil(userId, now) {
      return takenOverUntilOf(await sessions.read(ref(userId)), now);
    },
  };
}
