import { createHash } from 'node:crypto';
import type { Channel, SessionRef } from '../conversation/model';
import { sessionKey } from '../conversation/model';
import { addDays, epochSeconds } from '../shared/clock';
import { newId } from '../shared/ids';
import { addVietnamDays, startOfVietnamDay, vietnamDate, vietnamWallClock } from '../shared/vietnam-time';
import type { TablePort } from '../stores/table-port';

/**
 * Decree 356/2025/NĐ-CP (guiding the Personal Data Protection Law, in force since 1 January 2026):
 * a data subject's request is answered within 2 working days. Public holidays are not known here,
 * so only Saturdays and Sundays are skipped; the erasure itself runs at once anyway.
 */
export const ANSWER_WITHIN_WORKING_DAYS = 2;

/** Proof that requests were handled, without personal data: kept two years. */
const REQUEST_RECORD_DAYS = 730;

export type PrivacyRequestSource = 'typed_request' | 'zalo_withdraw';

/** What staff see of a deletion request: who only as a pseudonym, what was removed, what was kept. */
export interface PrivacyRequest {
  id: string;
  channel: Channel;
  /** A pseudonym of the person (hash of channel and id): the same person gets the same tag. */
  subject: string;
  source: PrivacyRequestSource;
  requestedAt: string;
  /** End of the second working day after the request (Vietnam time). */
  dueBy: string;
  completedAt: string;
  erased: { transcriptItems: number; subscriptions: number; channelRecords: number };
  /** What was kept, and why (another law requires it). */
  kept: string[];
}

export const subjectTag = (ref: SessionRef): string =>
  createHash('sha256')
    .update(`subject:${sessionKey(ref)}`)
    .digest('hex')
    .slice(0, 12);

/** The end (23:59:59.999, UTC+7) of the n-th working day after the Vietnam day of `at`. */
export function workingDaysLater(at: Date, n: number): Date {
  let day = vietnamDate(at);
  let counted = 0;
  while (counted < n) {
    day = addVietnamDays(day, 1);
    const weekday = vietnamWallClock(startOfVietnamDay(day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return new Date(startOfVietnamDay(addVietnamDays(day, 1)).getTime() - 1);
}

export interface PrivacyRequestStore {
  record(request: Omit<PrivacyRequest, 'id'>, now: Date): Promise<PrivacyRequest>;
  /** Newest first. */
  list(limit?: number): Promise<PrivacyRequest[]>;
}

export function createPrivacyRequestStore(table: TablePort): PrivacyRequestStore {
  const PK = 'PRIVACY#REQUESTS';
  return {
    async record(request, now) {
      const stored: PrivacyRequest = { id: newId(now.getTime()), ...request };
      await table.put({
        pk: PK,
        sk: `${stored.requestedAt}#${stored.id}`,
        request: stored,
        ttl: epochSeconds(addDays(now, REQUEST_RECORD_DAYS)),
      });
      return stored;
    },
    async list(limit = 200) {
      const items = await table.query(PK, { descending: true, limit });
      return items.map((i) => i.request as PrivacyRequest);
    },
  };
}
