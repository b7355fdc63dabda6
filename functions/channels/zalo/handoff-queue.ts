import type { ProcessorJob } from '../../app/invoker';
import { epochSeconds } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { TablePort } from '../../stores/table-port';

/** Longer than Zalo's own redelivery schedule (about 2 h in all) and than a Lambda outage worth waiting out. */
const HANDOFF_TTL_SECONDS = 2 * 86_400;
const PARTITION = 'ZALO#HANDOFF';

/**
 * The webhook's own retry queue. The webhook answers Zalo 200 whatever happens (anything else is
 * retried and can get the OA's webhook switched off), so an event it verified but could not hand
 * to the processor is parked here and handed over again later: on the next successful hand-off of
 * the container that parked it (at most once a minute), and by the processor's scheduled `zalo_redrive` job
 * (every 5 minutes in AWS), which runs the parked jobs itself.
 */
export interface HandoffQueue {
  park(key: string, job: ProcessorJob, now: Date): Promise<void>;
  /** Hands every parked job to `run`; returns how many went and how many are still parked. */
  redrive(
    run: (job: ProcessorJob) => Promise<unknown>,
    log: Logger,
    limit?: number,
  ): Promise<{ sent: number; left: number }>;
}

export function createHandoffQueue(table: TablePort): HandoffQueue {
  return {
    async park(key, job, now) {
      await table.put({
        pk: PARTITION,
        sk: `${now.toISOString()}#${key}`,
        job,
        ttl: epochSeconds(now) + HANDOFF_TTL_SECONDS,
      });
    },
    async redrive(run, log, limit = 100) {
      const items = await table.query(PARTITION, { limit });
      let sent = 0;
      for (const item of items) {
        try {
          await run(item.job as ProcessorJob);
        } catch (error) {
          log.warn('zalo_handoff_redrive_failed', { error });
          break;
        }
        // The processor de-duplicates on the event's key, so a job invoked twice (a crash between
        // these two lines) is answered once.
        await table.delete(item.pk, item.sk);
        sent++;
      }
      if (sent > 0) log.info('zalo_handoff_redriven', { sent, left: items.length - sent });
      return { sent, left: items.length - sent };
    },
  };
}
