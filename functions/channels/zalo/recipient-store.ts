import { addDays, type Clock, epochSeconds } from '../../shared/clock';
import type { Stores } from '../../stores';
import type { TablePort } from '../../stores/table-port';
import { choiceOf, lastInteractionOf, withInteraction, zaloStateStore } from './session-state';

export type ZaloChannelName = 'zalo' | 'zalo_bot';

/** The OA may message a citizen who interacted within 7 days; free within 48 h (reference §2). */
export const INTERACTION_WINDOW_MS = 7 * 86_400_000;
export const FREE_WINDOW_MS = 48 * 3_600_000;
const UNREACHABLE_TTL_DAYS = 90;
const UNDELIVERED_TTL_DAYS = 30;

export type WindowState = 'free' | 'billable' | 'closed';

export function windowState(lastInteraction: Date | undefined, now: Date): WindowState {
  if (!lastInteraction) return 'closed';
  const age = now.getTime() - lastInteraction.getTime();
  if (age <= FREE_WINDOW_MS) return 'free';
  return age <= INTERACTION_WINDOW_MS ? 'billable' : 'closed';
}

export interface Unreachable {
  code: number;
  reason: string;
  at: string;
}

/**
 * What the channel remembers about each citizen: the last-interaction clock and the numbered
 * choices last offered (in the session item, `Session.zalo`: a turn commits them with itself, see
 * session-state.ts; these methods are for changes outside a turn), whether Zalo refused to deliver
 * to them and the messages that could not be delivered (in the conversations table under `ZALO#…`
 * keys). Nothing here holds message texts.
 */
export interface RecipientStore {
  /** Outside a turn (a turn moves the clock itself, in its commit). */
  touch(channel: ZaloChannelName, userId: string, now: Date): Promise<void>;
  lastInteraction(channel: ZaloChannelName, userId: string): Promise<Date | undefined>;
  saveChoices(channel: ZaloChannelName, userId: string, payloads: string[], now: Date): Promise<void>;
  clearChoices(channel: ZaloChannelName, userId: string): Promise<void>;
  /** The payload of choice `n` (1-based) from the last numbered list, if `n` is in range. */
  choice(channel: ZaloChannelName, userId: string, n: number): Promise<string | undefined>;
  markUnreachable(channel: ZaloChannelName, userId: string, mark: Unreachable, now: Date): Promise<void>;
  /**
   * The refusal still in force: recorded at or after the citizen's last interaction (read here
   * unless the caller has it already).
   */
  unreachable(
    channel: ZaloChannelName,
    userId: string,
    known?: { lastInteraction: Date | undefined },
  ): Promise<Unreachable | undefined>;
  recordUndelivered(
    channel: ZaloChannelName,
    userId: string,
    record: { reason: string; code?: number; messageIds: string[] },
    now: Date,
  ): Promise<void>;
  listUndelivered(
    channel: ZaloChannelName,
    userId: string,
  ): Promise<{ reason: string; code?: number; messageIds: string[]; at: string }[]>;
  /** The newest undelivered records of every citizen, for staff (conversations without a request too). */
  recentUndelivered(limit: number): Promise<UndeliveredRecord[]>;
}

export interface UndeliveredRecord {
  channel: ZaloChannelName;
  userId: string;
  reason: string;
  code?: number;
  messageIds: string[];
  at: string;
}

export function createRecipientStore(
  stores: Pick<Stores, 'tables' | 'conversations'>,
  clock: Pick<Clock, 'now'>,
): RecipientStore {
  const table = stores.tables.conversations;
  const sessions = zaloStateStore(stores.conversations);
  const ref = (channel: ZaloChannelName, userId: string) => ({ channel, userId });
  const store: RecipientStore = {
    async touch(channel, userId, now) {
      await sessions.update(ref(channel, userId), clock.now(), (s) => withInteraction(s, now));
    },
    async lastInteraction(channel, userId) {
      return lastInteractionOf(await sessions.read(ref(channel, userId)));
    },
    async saveChoices(channel, userId, payloads, now) {
      // A pushed message's list: the session does not hold the message, so its payloads are kept.
      await sessions.update(ref(channel, userId), now, (s) => ({
        ...s,
        choices: { payloads, at: now.toISOString() },
      }));
    },
    async clearChoices(channel, userId) {
      await sessions.update(ref(channel, userId), clock.now(), (s) => {
        if (!s.choices) return s;
        const { choices: _stale, ...rest } = s;
        return rest;
      });
    },
    async choice(channel, userId, n) {
      return choiceOf(await sessions.read(ref(channel, userId)), n, clock.now());
    },
    async markUnreachable(channel, userId, mark, now) {
      await table.put({
        pk: `ZALO#UNREACHABLE#${userId}`,
        sk: channel,
        ...mark,
        ttl: epochSeconds(addDays(now, UNREACHABLE_TTL_DAYS)),
      });
    },
    async unreachable(channel, userId, known) {
      const item = await table.get(`ZALO#UNREACHABLE#${userId}`, channel);
      if (!item || typeof item.at !== 'string') return undefined;
      const last = known ? known.lastInteraction : await store.lastInteraction(channel, userId);
      // A later interaction (a new message, a new follow) lifts the refusal.
      if (last && last.getTime() > new Date(item.at).getTime()) return undefined;
      return { code: Number(item.code), reason: String(item.reason), at: item.at };
    },
    async recordUndelivered(channel, userId, record, now) {
      const at = now.toISOString();
      await table.put({
        pk: `ZALO#UNDELIVERED#${userId}`,
        sk: `${at}#${record.messageIds[0] ?? '-'}`,
        gsi1pk: 'ZALO#UNDELIVERED',
        gsi1sk: `${at}#${channel}#${userId}`,
        channel,
        ...record,
        at,
        ttl: epochSeconds(addDays(now, UNDELIVERED_TTL_DAYS)),
      });
    },
    async listUndelivered(channel, userId) {
      const items = await table.query(`ZALO#UNDELIVERED#${userId}`);
      return items
        .filter((i) => i.channel === channel)
        .map((i) => ({
          reason: String(i.reason),
          ...(typeof i.code === 'number' ? { code: i.code } : {}),
          messageIds: (i.messageIds as string[]) ?? [],
          at: String(i.at),
        }));
    },
    recentUndelivered: (limit) => recentUndeliveredRecords(table, limit),
  };
  return store;
}

/** The newest undelivered records of every citizen (index key `ZALO#UNDELIVERED`), newest first. */
export async function recentUndeliveredRecords(
  table: TablePort,
  limit: number,
): Promise<UndeliveredRecord[]> {
  const items = await table.query('ZALO#UNDELIVERED', { index: 'gsi1', descending: true, limit });
  return items.map((i) => ({
    channel: i.channel === 'zalo_bot' ? 'zalo_bot' : 'zalo',
    userId: String(i.pk).slice('ZALO#UNDELIVERED#'.length),
    reason: String(i.reason),
    ...(typeof i.code === 'number' ? { code: i.code } : {}),
    messageIds: (i.messageIds as string[]) ?? [],
    at: String(i.at),
  }));
}
