import { addDays, epochSeconds } from '../../shared/clock';
import type { TablePort } from '../../stores/table-port';

export type ZaloChannelName = 'zalo' | 'zalo_bot';

/** The OA may message a citizen who interacted within 7 days; free within 48 h (reference §2). */
export const INTERACTION_WINDOW_MS = 7 * 86_400_000;
export const FREE_WINDOW_MS = 48 * 3_600_000;
const CHOICES_TTL_SECONDS = 24 * 3600;
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
 * What the channel remembers about each citizen, in the conversations table under `ZALO#…` keys:
 * the last-interaction clock, the numbered choices last offered, whether Zalo refused to deliver
 * to them, and the messages that could not be delivered. Nothing here holds message texts.
 */
export interface RecipientStore {
  touch(channel: ZaloChannelName, userId: string, now: Date): Promise<void>;
  lastInteraction(channel: ZaloChannelName, userId: string): Promise<Date | undefined>;
  saveChoices(channel: ZaloChannelName, userId: string, payloads: string[], now: Date): Promise<void>;
  clearChoices(channel: ZaloChannelName, userId: string): Promise<void>;
  /** The payload of choice `n` (1-based) from the last numbered list, if `n` is in range. */
  choice(channel: ZaloChannelName, userId: string, n: number): Promise<string | undefined>;
  markUnreachable(channel: ZaloChannelName, userId: string, mark: Unreachable, now: Date): Promise<void>;
  /** The refusal still in force: recorded at or after the citizen's last interaction. */
  unreachable(channel: ZaloChannelName, userId: string): Promise<Unreachable | undefined>;
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

export function createRecipientStore(table: TablePort): RecipientStore {
  const store: RecipientStore = {
    async touch(channel, userId, now) {
      // A late redelivery of an older event must not move the clock back.
      const last = await store.lastInteraction(channel, userId);
      if (last && last.getTime() >= now.getTime()) return;
      await table.put({
        pk: `ZALO#CLOCK#${userId}`,
        sk: channel,
        at: now.toISOString(),
        // Past the window the clock says nothing more than its absence does.
        ttl: epochSeconds(addDays(now, 8)),
      });
    },
    async lastInteraction(channel, userId) {
      const item = await table.get(`ZALO#CLOCK#${userId}`, channel);
      return typeof item?.at === 'string' ? new Date(item.at) : undefined;
    },
    async saveChoices(channel, userId, payloads, now) {
      await table.put({
        pk: `ZALO#CHOICES#${userId}`,
        sk: channel,
        payloads,
        ttl: epochSeconds(now) + CHOICES_TTL_SECONDS,
      });
    },
    async clearChoices(channel, userId) {
      await table.delete(`ZALO#CHOICES#${userId}`, channel);
    },
    async choice(channel, userId, n) {
      const item = await table.get(`ZALO#CHOICES#${userId}`, channel);
      const payloads = Array.isArray(item?.payloads) ? (item.payloads as unknown[]) : [];
      const payload = Number.isInteger(n) && n >= 1 ? payloads[n - 1] : undefined;
      return typeof payload === 'string' ? payload : undefined;
    },
    async markUnreachable(channel, userId, mark, now) {
      await table.put({
        pk: `ZALO#UNREACHABLE#${userId}`,
        sk: channel,
        ...mark,
        ttl: epochSeconds(addDays(now, UNREACHABLE_TTL_DAYS)),
      });
    },
    async unreachable(channel, userId) {
      const item = await table.get(`ZALO#UNREACHABLE#${userId}`, channel);
      if (!item || typeof item.at !== 'string') return undefined;
      const last = await store.lastInteraction(channel, userId);
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
    async recentUndelivered(limit) {
      const items = await table.query('ZALO#UNDELIVERED', { index: 'gsi1', descending: true, limit });
      return items.map((i) => ({
        channel: i.channel === 'zalo_bot' ? 'zalo_bot' : 'zalo',
        userId: String(i.pk).slice('ZALO#UNDELIVERED#'.length),
        reason: String(i.reason),
        ...(typeof i.code === 'number' ? { code: i.code } : {}),
        messageIds: (i.messageIds as string[]) ?? [],
        at: String(i.at),
      }));
    },
  };
  return store;
}
