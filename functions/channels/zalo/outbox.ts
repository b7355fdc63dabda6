import type { ChatMessage } from '../../conversation/model';
import { epochSeconds } from '../../shared/clock';
import { ConditionFailedError, type TablePort } from '../../stores/table-port';

/** Long enough for Lambda's asynchronous retries (up to 6 h) and Zalo's redeliveries. */
const OUTBOX_TTL_SECONDS = 2 * 86_400;

export interface OutboxEntry {
  messages: ChatMessage[];
  /** How many of `messages` went out (or were settled: logged, recorded as undelivered). */
  settled: number;
  /** How many parts of message `settled` went out already (a long message is sent in parts). */
  parts: number;
}

/**
 * The replies of one event, kept until they are sent. If the processor dies mid-way, its retry
 * neither runs the turn again nor resends what already went out: it resumes here.
 */
export interface Outbox {
  get(key: string): Promise<OutboxEntry | undefined>;
  /** False when an entry exists already (another run has the turn). */
  create(key: string, messages: ChatMessage[], now: Date): Promise<boolean>;
  settle(key: string, entry: OutboxEntry, settled: number, now: Date, parts?: number): Promise<void>;
}

export function createOutbox(table: TablePort): Outbox {
  const pk = (key: string) => `ZALO#OUTBOX#${key}`;
  return {
    async get(key) {
      const item = await table.get(pk(key), '-');
      if (!item || !Array.isArray(item.messages)) return undefined;
      return {
        messages: item.messages as ChatMessage[],
        settled: Number(item.settled ?? 0),
        parts: Number(item.parts ?? 0),
      };
    },
    async create(key, messages, now) {
      try {
        await table.put(
          {
            pk: pk(key),
            sk: '-',
            messages,
            settled: 0,
            parts: 0,
            ttl: epochSeconds(now) + OUTBOX_TTL_SECONDS,
          },
          { ifNotExists: true },
        );
        return true;
      } catch (error) {
        if (error instanceof ConditionFailedError) return false;
        throw error;
      }
    },
    async settle(key, entry, settled, now, parts = 0) {
      await table.put({
        pk: pk(key),
        sk: '-',
        messages: entry.messages,
        settled,
        parts,
        ttl: epochSeconds(now) + OUTBOX_TTL_SECONDS,
      });
    },
  };
}
