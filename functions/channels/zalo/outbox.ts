import { epochSeconds } from '../../shared/clock';
import type { TablePort } from '../../stores/table-port';

/** Long enough for Lambda's asynchronous retries (up to 6 h) and Zalo's redeliveries. */
const OUTBOX_TTL_SECONDS = 2 * 86_400;

/** How far the sending of one event's replies (or one push) got. */
export interface SendProgress {
  /** How many of the messages went out (or were settled: logged, recorded as undelivered). */
  settled: number;
  /** How many parts of message `settled` went out already (a long message is sent in parts). */
  parts: number;
}

export const NOTHING_SENT: SendProgress = { settled: 0, parts: 0 };

/**
 * The send progress of one event (`ZALO#OUTBOX#<event key>`), recorded after every part Zalo
 * acknowledged: a retried job resumes after it, so nothing reaches the citizen twice.
 *
 * It holds counters only, not the messages (issue 17): a turn's replies are committed with the
 * session (its `recentEvents` name them, and a retried turn gets them back without running again);
 * a push's messages travel in the job itself. So nothing needs writing before the first send, the
 * record is a small item (one write unit) and a first run never reads it: only a job whose turn the
 * session says was answered already, or a push, looks its progress up.
 */
export interface Outbox {
  get(key: string): Promise<SendProgress | undefined>;
  record(key: string, progress: SendProgress, now: Date): Promise<void>;
}

export function createOutbox(table: TablePort): Outbox {
  const pk = (key: string) => `ZALO#OUTBOX#${key}`;
  return {
    async get(key) {
      const item = await table.get(pk(key), '-');
      if (!item) return undefined;
      return { settled: Number(item.settled ?? 0), parts: Number(item.parts ?? 0) };
    },
    async record(key, progress, now) {
      await table.put({
        pk: pk(key),
        sk: '-',
        settled: progress.settled,
        parts: progress.parts,
        ttl: epochSeconds(now) + OUTBOX_TTL_SECONDS,
      });
    },
  };
}
