import type { SessionRef } from '../conversation/model';
import type { Clock } from '../shared/clock';
import type { Logger } from '../shared/logger';
import type { Stores } from '../stores';
import type { EscalationState } from '../stores/escalation-store';
import {
  ANSWER_WITHIN_WORKING_DAYS,
  createPrivacyRequestStore,
  type PrivacyRequest,
  type PrivacyRequestSource,
  subjectTag,
  workingDaysLater,
} from './privacy-requests';

/**
 * A channel's own records about a person (Zalo: interaction clock, consent to ZNS notices and the
 * phone with it, undelivered notices, takeover marks). Channels register one; the erasure runs them.
 */
export interface ChannelEraser {
  /** Dossiers this person may be subscribed to that only the channel knows of. */
  dossierCodes(ref: SessionRef): Promise<string[]>;
  erase(ref: SessionRef): Promise<number>;
}

export interface ErasureDeps {
  stores: Stores;
  clock: Clock;
  log: Logger;
  channelErasers?: readonly ChannelEraser[];
}

/** Said to the citizen and shown to staff: what another law makes the province keep. */
export const KEPT_UNDER_OTHER_LAWS = [
  'Phản ánh, kiến nghị bạn đã gửi: lưu theo quy định về tiếp nhận, xử lý phản ánh, kiến nghị.',
  'Hồ sơ thủ tục hành chính trên Hệ thống thông tin giải quyết TTHC của tỉnh: lưu theo quy định về lưu trữ hồ sơ TTHC (không do trợ lý ảo quản lý).',
  'Số liệu thống kê không gắn với cá nhân (số lượt hỏi, mức độ hài lòng).',
];

const REDACTED = '[Đã xóa theo yêu cầu của công dân]';
const ESCALATION_STATES: EscalationState[] = ['open', 'claimed', 'resolved'];

/**
 * Deletes what the assistant holds about one person on one channel: the session (with the phone
 * they shared), the whole transcript, dossier subscriptions, and the channel's own records;
 * the last message quoted on staff requests is blanked. Records the request for staff, with the
 * deadline the law sets. Idempotent: running it again finds nothing more to delete.
 */
export async function eraseCitizenData(
  deps: ErasureDeps,
  ref: SessionRef,
  source: PrivacyRequestSource,
): Promise<PrivacyRequest> {
  const { stores, clock, log } = deps;
  const now = clock.now();
  const session = await stores.conversations.getSession(ref);
  const codes = new Set(session?.verifiedDossiers ?? []);
  for (const eraser of deps.channelErasers ?? [])
    for (const c of await eraser.dossierCodes(ref)) codes.add(c);

  let subscriptions = 0;
  for (const code of codes) if (await stores.dossiers.unsubscribe(code, ref)) subscriptions++;
  let channelRecords = 0;
  for (const eraser of deps.channelErasers ?? []) channelRecords += await eraser.erase(ref);
  const transcriptItems = await stores.conversations.erase(ref);

  for (const state of ESCALATION_STATES) {
    for (const e of await stores.escalations.list(state)) {
      if (e.ref.channel !== ref.channel || e.ref.userId !== ref.userId || e.lastMessage === REDACTED)
        continue;
      await stores.escalations.update(e.id, (current) => ({ ...current, lastMessage: REDACTED }));
    }
  }

  const request = await createPrivacyRequestStore(stores.tables.casework).record(
    {
      channel: ref.channel,
      subject: subjectTag(ref),
      source,
      requestedAt: now.toISOString(),
      dueBy: workingDaysLater(now, ANSWER_WITHIN_WORKING_DAYS).toISOString(),
      completedAt: clock.now().toISOString(),
      erased: { transcriptItems, subscriptions, channelRecords },
      kept: KEPT_UNDER_OTHER_LAWS,
    },
    now,
  );
  log.info('privacy_erasure', {
    channel: ref.channel,
    subject: request.subject,
    source,
    transcriptItems,
    subscriptions,
    channelRecords,
  });
  return request;
}
