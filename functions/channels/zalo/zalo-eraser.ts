import type { ChannelEraser } from '../../privacy/erasure';
import type { TablePort } from '../../stores/table-port';
import { createNoticeConsentStore } from './notice-consent';

/**
 * Every partition the Zalo channel keeps about one person (recipient-store, consent). The clock,
 * the numbered choices and the takeover mark now live in the session, erased with it; their former
 * items (`CLOCK`, `CHOICES`, `TAKEOVER`) are still looked for until the last ones written before
 * that change have expired (8 days at most), and can then be dropped from this list.
 */
const PERSON_PARTITIONS = ['UNREACHABLE', 'UNDELIVERED', 'CONSENT', 'CLOCK', 'CHOICES', 'TAKEOVER'] as const;

/** The Zalo channel's part of a deletion request: its records keyed by the person's Zalo id. */
export function zaloEraser(table: TablePort): ChannelEraser {
  const consents = createNoticeConsentStore(table);
  return {
    async dossierCodes(ref) {
      if (ref.channel !== 'zalo') return [];
      return (await consents.list(ref.userId)).map((c) => c.code);
    },
    async erase(ref) {
      if (ref.channel !== 'zalo' && ref.channel !== 'zalo_bot') return 0;
      let removed = 0;
      for (const name of PERSON_PARTITIONS) {
        for (const item of await table.query(`ZALO#${name}#${ref.userId}`)) {
          await table.delete(item.pk, item.sk);
          removed++;
        }
      }
      return removed;
    },
  };
}
