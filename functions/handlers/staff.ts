import * as z from 'zod';
import { getServices, warmUp } from '../app/container';
import { recentUndelivered, zaloConsoleStatus } from '../channels/zalo/console-status';
import type { StaffIdentity } from '../conversation/service';
import { isTeamId, TEAMS } from '../conversation/teams';
import { badRequest } from '../http/errors';
import { httpHandler, type ServicesProvider } from '../http/handler';
import { parseJsonBody, query } from '../http/request';
import { json } from '../http/respond';
import { createRouter } from '../http/router';
import type { HttpEvent } from '../http/types';
import { createPrivacyRequestStore } from '../privacy/privacy-requests';
import { addVietnamDays, isCalendarDay, startOfVietnamDay, vietnamDate } from '../shared/vietnam-time';
import { groupUnanswered, ratingsCsv, satisfactionReport } from '../staff/reports';
import { requireRole, staffPrincipal } from '../staff/staff-identity';
import type { Escalation, EscalationState } from '../stores/escalation-store';
import { localDay } from '../stores/stats-store';
import { publicMessage } from './chat';
import { addKnowledgeRoutes } from './knowledge-routes';

const STATES = ['open', 'claimed', 'resolved'] as const;
const ID = /^[0-9A-HJKMNP-TV-Z]{26}$/u;
const TextSchema = z.object({ text: z.string().trim().min(1).max(2000) });
const TransferSchema = z.object({ team: z.string().refine(isTeamId) });

/** Who is signed in, and the team names every form shows. */
const OPEN_TO_ALL_STAFF = new Set(['/api/staff/me', '/api/staff/teams']);

/** Routes that are not about knowledge serve the queue and the reports: the `agent` role. */
const isKnowledgeRoute = (path: string) =>
  path.startsWith('/api/staff/knowledge') || path.startsWith('/api/staff/unanswered');

function dateRange(event: HttpEvent, now: Date): { from: string; to: string } {
  // The default window is the last 30 Vietnam days including today: a report opened at 06:00 in
  // Vietnam (23:00 UTC the day before) counts this morning's ratings.
  const to = query(event, 'to') ?? vietnamDate(now);
  const from = query(event, 'from') ?? addVietnamDays(to, -29);
  if (!isCalendarDay(from) || !isCalendarDay(to) || from > to) {
    throw badRequest('invalid_date_range', 'Khoảng thời gian không hợp lệ (dùng YYYY-MM-DD, from ≤ to).');
  }
  // Vietnam-local days: from 00:00 +07:00 to the last millisecond of the last day.
  return {
    from: startOfVietnamDay(from).toISOString(),
    to: new Date(startOfVietnamDay(addVietnamDays(to, 1)).getTime() - 1).toISOString(),
  };
}

function summary(e: Escalation, now: Date) {
  const late = e.state === 'open' && new Date(e.dueBy).getTime() < now.getTime();
  return {
    id: e.id,
    sessionId: e.sessionId,
    channel: e.channel,
    reason: e.reason,
    state: e.state,
    team: e.team,
    createdAt: e.createdAt,
    dueBy: e.dueBy,
    late,
    waitingMinutes:
      e.state === 'open'
        ? Math.max(0, Math.round((now.getTime() - new Date(e.createdAt).getTime()) / 60_000))
        : 0,
    lastMessage: e.lastMessage ?? '',
    ...(e.claimedBy ? { claimedBy: e.claimedBy } : {}),
    ...(e.intent ? { intent: e.intent } : {}),
  };
}

function requireId(id: string | undefined): string {
  if (!id || !ID.test(id)) throw badRequest('invalid_id', 'Mã yêu cầu không hợp lệ.');
  return id;
}

export function createStaffHandler(provider: ServicesProvider) {
  return httpHandler(provider, (services, event) => {
    const principal = staffPrincipal(services, event);
    if (!OPEN_TO_ALL_STAFF.has(event.rawPath) && !isKnowledgeRoute(event.rawPath))
      requireRole(principal, 'agent');
    const staff: StaffIdentity = { staffId: principal.staffId, name: principal.name };
    const { stores, conversation, clock } = services;
    return (
      addKnowledgeRoutes(createRouter(), services, principal)
        .add('GET', '/api/staff/me', async () => json(200, principal))
        .add('GET', '/api/staff/teams', async () => json(200, { items: TEAMS }))
        .add('GET', '/api/staff/canned-replies', async () => json(200, { items: CANNED_REPLIES }))
        // Data-subject requests (deletion, Zalo consent withdrawal): done at once, listed with the deadline.
        .add('GET', '/api/staff/privacy-requests', async () =>
          json(200, { items: await createPrivacyRequestStore(stores.tables.casework).list() }),
        )
        // Zalo notices and replies that could not be delivered, for conversations with or without a request.
        .add('GET', '/api/staff/zalo/undelivered', async () =>
          json(200, { items: await recentUndelivered(stores.tables.conversations) }),
        )
        .add('GET', '/api/staff/escalations', async (ev) => {
          const status = query(ev, 'status') ?? 'open';
          if (!(STATES as readonly string[]).includes(status))
            throw badRequest('invalid_status', 'Trạng thái không hợp lệ.');
          const channel = query(ev, 'channel');
          const team = query(ev, 'team');
          const lateOnly = query(ev, 'late') === 'true';
          const now = clock.now();
          const items = (await stores.escalations.list(status as EscalationState))
            .map((e) => summary(e, now))
            .filter(
              (e) =>
                (!channel || e.channel === channel) && (!team || e.team === team) && (!lateOnly || e.late),
            );
          return json(200, { items });
        })
        .add('GET', '/api/staff/escalations/{id}', async (_ev, p) => {
          const id = requireId(p.id);
          const e = await stores.escalations.get(id);
          if (!e)
            return json(404, { error: { code: 'not_found', message: 'Không tìm thấy yêu cầu hỗ trợ này.' } });
          const transcript = (await stores.conversations.listMessages(e.ref)).map((m) => ({
            ...publicMessage(m),
            createdAt: m.createdAt,
            ...(m.understanding ? { understanding: m.understanding } : {}),
            ...(m.staffId ? { staffId: m.staffId } : {}),
          }));
          const notes = await stores.escalations.listNotes(id);
          const zalo =
            e.ref.channel === 'zalo'
              ? { zalo: await zaloConsoleStatus(stores, e.ref.userId, clock.now()) }
              : {};
          return json(200, { ...summary(e, clock.now()), transcript, notes, ...zalo });
        })
        .add('POST', '/api/staff/escalations/{id}/claim', async (_ev, p) =>
          json(200, summary(await conversation.claim(requireId(p.id), staff), clock.now())),
        )
        .add('POST', '/api/staff/escalations/{id}/messages', async (ev, p) => {
          const id = requireId(p.id);
          const { text } = parseJsonBody(ev, TextSchema);
          const message = await conversation.postStaffMessage(id, staff, text);
          return json(200, { message: publicMessage(message) });
        })
        .add('POST', '/api/staff/escalations/{id}/resolve', async (_ev, p) =>
          json(200, summary(await conversation.resolve(requireId(p.id), staff), clock.now())),
        )
        .add('POST', '/api/staff/escalations/{id}/transfer', async (ev, p) => {
          const id = requireId(p.id);
          const { team } = parseJsonBody(ev, TransferSchema);
          if (!isTeamId(team)) throw badRequest('invalid_team', 'Nhóm không hợp lệ.');
          return json(200, summary(await conversation.transfer(id, team, staff), clock.now()));
        })
        .add('POST', '/api/staff/escalations/{id}/notes', async (ev, p) => {
          const id = requireId(p.id);
          const { text } = parseJsonBody(ev, TextSchema);
          if (!(await stores.escalations.get(id)))
            return json(404, { error: { code: 'not_found', message: 'Không tìm thấy yêu cầu hỗ trợ này.' } });
          const note = await stores.escalations.addNote(id, {
            staffId: staff.staffId,
            text,
            createdAt: clock.now().toISOString(),
          });
          return json(200, note);
        })
        .add('GET', '/api/staff/reports/satisfaction', async (ev) => {
          const { from, to } = dateRange(ev, clock.now());
          const ratings = await stores.ratings.between(from, to);
          const counts = await stores.stats.sum(localDay(new Date(from)), localDay(new Date(to)));
          return json(
            200,
            satisfactionReport(ratings, {
              conversations: counts.conversations,
              escalated: counts.escalations,
            }),
          );
        })
        .add('GET', '/api/staff/reports/satisfaction.csv', async (ev) => {
          const { from, to } = dateRange(ev, clock.now());
          const ratings = await stores.ratings.between(from, to);
          return {
            statusCode: 200,
            headers: {
              'content-type': 'text/csv; charset=utf-8',
              'content-disposition': 'attachment; filename="danh-gia-hai-long.csv"',
              'cache-control': 'no-store',
            },
            body: ratingsCsv(ratings),
          };
        })
        .add('GET', '/api/staff/reports/unanswered', async (ev) => {
          const { from, to } = dateRange(ev, clock.now());
          return json(200, { groups: groupUnanswered(await stores.unanswered.between(from, to)) });
        })
        .add('GET', '/api/staff/feedback-reports', async (ev) => {
          const status = query(ev, 'status') ?? 'open';
          if (status !== 'open' && status !== 'resolved')
            throw badRequest('invalid_status', 'Trạng thái không hợp lệ.');
          const items = (await stores.feedback.list(status)).map(({ ref: _ref, ...r }) => r);
          return json(200, { items });
        })
        .add('POST', '/api/staff/feedback-reports/{reference}/resolve', async (_ev, p) => {
          const reference = (p.reference ?? '').toUpperCase();
          if (!/^PA-\d{6}-[A-Z0-9]{4}$/u.test(reference))
            throw badRequest('invalid_reference', 'Mã phản ánh không hợp lệ.');
          const report = await stores.feedback.resolve(reference, staff.staffId, clock.now());
          if (!report)
            return json(404, { error: { code: 'not_found', message: 'Không tìm thấy phản ánh này.' } });
          const { ref: _ref, ...rest } = report;
          return json(200, rest);
        })
        .handle(event)
    );
  });
}

/** Ready answers staff can insert and edit before sending. */
export const CANNED_REPLIES = [
  {
    id: 'chao',
    title: 'Chào hỏi',
    text: 'Chào bạn, tôi là cán bộ tiếp nhận. Tôi đã xem câu hỏi của bạn và sẽ hỗ trợ ngay.',
  },
  { id: 'cho', title: 'Xin chờ', text: 'Bạn vui lòng chờ trong ít phút để tôi kiểm tra thông tin nhé.' },
  {
    id: 'ho-so',
    title: 'Hỏi mã hồ sơ',
    text: 'Bạn vui lòng cho biết mã hồ sơ in trên giấy tiếp nhận để tôi kiểm tra.',
  },
  {
    id: 'truc-tuyen',
    title: 'Nộp trực tuyến',
    text: 'Bạn có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn), đăng nhập bằng tài khoản VNeID.',
  },
  {
    id: 'ket-thuc',
    title: 'Kết thúc',
    text: 'Cảm ơn bạn đã liên hệ. Nếu cần hỗ trợ thêm, bạn cứ nhắn tại đây nhé.',
  },
];

export const handler = createStaffHandler(getServices);

// Lambda init (which has a full CPU) builds the services and loads the model and index, so the
// first citizen does not wait for them. Elsewhere (npm start, tests) the caller decides.
if (process.env.AWS_LAMBDA_FUNCTION_NAME) {
  void getServices()
    .then(warmUp)
    .catch(() => undefined);
}
