import { formatVietnamDate, vietnamWallClock } from '../../shared/vietnam-time';
import type { Stores } from '../../stores';
import type { TablePort } from '../../stores/table-port';
import { describeZaloCode } from './errors';
import {
  createRecipientStore,
  INTERACTION_WINDOW_MS,
  recentUndeliveredRecords,
  windowState,
} from './recipient-store';
import { lastInteractionOf, takenOverUntilOf, zaloStateStore } from './session-state';

/** "14:30 ngày 01/12/2026", Vietnam time, as staff read it. */
export function vietnamDateTime(at: Date): string {
  return `${vietnamWallClock(at).toISOString().slice(11, 16)} ngày ${formatVietnamDate(at)}`;
}

const UNDELIVERED_REASONS: Record<string, string> = {
  interaction_window_closed: 'quá 7 ngày kể từ tin nhắn gần nhất của người dân',
  recipient_unreachable: 'Zalo từ chối gửi',
  no_zns_template: 'chưa cấu hình mẫu ZNS',
  no_zns_consent: 'người dân chưa đồng ý nhận ZNS',
  zns_refused: 'Zalo từ chối tin ZNS',
};

export function undeliveredReasonText(reason: string, code?: number): string {
  return (
    UNDELIVERED_REASONS[reason] ??
    (code !== undefined ? `Zalo báo lỗi ${code} (${describeZaloCode(code)})` : reason)
  );
}

/** Undelivered notices and replies of every Zalo citizen, newest first, as staff read them. */
export async function recentUndelivered(table: TablePort, limit = 100) {
  return (await recentUndeliveredRecords(table, limit)).map((u) => ({
    sessionId: `${u.channel}:${u.userId}`,
    channel: u.channel,
    reason: u.reason,
    reasonText: undeliveredReasonText(u.reason, u.code),
    ...(u.code !== undefined ? { code: u.code } : {}),
    messages: u.messageIds.length,
    at: u.at,
  }));
}

/**
 * What the staff console shows about a Zalo conversation: whether the OA may still write to the
 * citizen (the 7-day consultation window) and until when, whether someone at the OA took the
 * conversation over in Zalo's own OA manager, and the notices that could not be delivered.
 */
export async function zaloConsoleStatus(
  stores: Pick<Stores, 'tables' | 'conversations'>,
  userId: string,
  now: Date,
) {
  // The clock and the takeover are in the session (session-state.ts): one read for both.
  const zalo = await zaloStateStore(stores.conversations).read({ channel: 'zalo', userId });
  const last = lastInteractionOf(zalo);
  const state = windowState(last, now);
  const until = last ? new Date(last.getTime() + INTERACTION_WINDOW_MS) : undefined;
  const takenOverUntil = takenOverUntilOf(zalo, now);
  const recipients = createRecipientStore(stores, { now: () => now });
  const undelivered = (await recipients.listUndelivered('zalo', userId)).map((u) => ({
    ...u,
    reasonText: undeliveredReasonText(u.reason, u.code),
  }));
  const lines = [
    state === 'closed' || !until
      ? 'Cửa sổ tư vấn Zalo đã đóng: chỉ gửi được thông báo qua ZNS cho người dân đã đồng ý.'
      : `Cửa sổ tư vấn Zalo mở đến ${vietnamDateTime(until)}${state === 'billable' ? ' (tin nhắn lúc này có tính phí)' : ''}.`,
    ...(takenOverUntil
      ? [
          `Đã được cán bộ tiếp nhận trên Zalo OA; trợ lý ảo tạm dừng trả lời đến ${vietnamDateTime(takenOverUntil)}.`,
        ]
      : []),
    ...undelivered.map(
      (u) =>
        `Chưa gửi được ${u.messageIds.length} tin lúc ${vietnamDateTime(new Date(u.at))}: ${u.reasonText}.`,
    ),
  ];
  return {
    consultationWindow: {
      open: state !== 'closed',
      free: state === 'free',
      ...(until ? { until: until.toISOString() } : {}),
    },
    ...(takenOverUntil ? { takenOverInZalo: { until: takenOverUntil.toISOString() } } : {}),
    undelivered,
    lines,
  };
}
