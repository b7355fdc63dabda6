import { addDays, epochSeconds } from '../../shared/clock';
import type { TablePort } from '../../stores/table-port';

export interface NoticeConsent {
  /** The dossier the citizen followed. */
  code: string;
  /** The phone on file for that dossier, which the citizen proved to know (national form). */
  phone: string;
  grantedAt: string;
}

/**
 * A citizen's consent to be notified by ZNS (a template message to their phone) once the OA's
 * 7-day consultation window is closed. Given per dossier, in the follow step, for the phone that
 * dossier was verified with; nothing is sent by ZNS without it. Kept as long as the subscription.
 */
export interface NoticeConsentStore {
  grant(userId: string, consent: NoticeConsent, now: Date, retentionDays: number): Promise<void>;
  forDossier(userId: string, code: string): Promise<NoticeConsent | undefined>;
  /** Every consent of this citizen, newest first. */
  list(userId: string): Promise<NoticeConsent[]>;
  revokeAll(userId: string): Promise<number>;
}

export function createNoticeConsentStore(table: TablePort): NoticeConsentStore {
  const pk = (userId: string) => `ZALO#CONSENT#${userId}`;
  const read = (item: Record<string, unknown>): NoticeConsent | undefined =>
    typeof item.code === 'string' && typeof item.phone === 'string' && typeof item.grantedAt === 'string'
      ? { code: item.code, phone: item.phone, grantedAt: item.grantedAt }
      : undefined;
  return {
    async grant(userId, consent, now, retentionDays) {
      await table.put({
        pk: pk(userId),
        sk: `DOSSIER#${consent.code}`,
        ...consent,
        ttl: epochSeconds(addDays(now, retentionDays)),
      });
    },
    async forDossier(userId, code) {
      const item = await table.get(pk(userId), `DOSSIER#${code}`);
      return item ? read(item) : undefined;
    },
    async list(userId) {
      const items = await table.query(pk(userId), { beginsWith: 'DOSSIER#' });
      return items
        .map(read)
        .filter((c): c is NoticeConsent => c !== undefined)
        .sort((a, b) => (a.grantedAt < b.grantedAt ? 1 : -1));
    },
    async revokeAll(userId) {
      const items = await table.query(pk(userId));
      for (const item of items) await table.delete(item.pk, item.sk);
      return items.length;
    },
  };
}
