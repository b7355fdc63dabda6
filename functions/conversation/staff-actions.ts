import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { Stores } from '../stores';
import type { Escalation } from '../stores/escalation-store';
import { ConflictError, NotFoundError } from './errors';
import { HANDOFF_SCORE_LABELS } from './flows/rating';
import type { ChatMessage, QuickReply } from './model';
import type { Notices } from './notices';
import { encodePayload } from './payloads';
import type { SessionAccess } from './session-updates';
import { TEAMS, type TeamId } from './teams';

export interface StaffIdentity {
  staffId: string;
  name: string;
}

const alreadyResolved = (message = 'Yêu cầu này đã được xử lý xong.') =>
  new ConflictError('already_resolved', message);
const alreadyClaimed = (message = 'Yêu cầu này đã được cán bộ khác tiếp nhận.') =>
  new ConflictError('already_claimed', message);

/** The rating question after a staff conversation: five levels and a skip. */
function ratingReplies(escalationId: string): QuickReply[] {
  const replies = HANDOFF_SCORE_LABELS.map((label, i) => ({
    title: `${i + 1} – ${label}`,
    payload: encodePayload({ type: 'rate', escalationId, score: i + 1 }),
  }));
  replies.push({ title: 'Bỏ qua', payload: encodePayload({ type: 'rate_skip', escalationId }) });
  return replies;
}

/**
 * What staff do with a handed-off conversation: take it, write in it, close it, pass it to another
 * team. Each changes the escalation (optimistic concurrency in its store), then the session, then
 * tells the citizen.
 */
export function createStaffActions(stores: Stores, clock: Clock, sessions: SessionAccess, notices: Notices) {
  async function requireEscalation(id: string): Promise<Escalation> {
    const e = await stores.escalations.get(id);
    if (!e) throw new NotFoundError('Không tìm thấy yêu cầu hỗ trợ này.');
    return e;
  }

  async function claim(id: string, staff: StaffIdentity): Promise<Escalation> {
    const current = await requireEscalation(id);
    if (current.state === 'resolved') throw alreadyResolved();
    if (current.state === 'claimed' && current.claimedBy !== staff.staffId) throw alreadyClaimed();
    if (current.state === 'claimed') return current;
    let lost = false;
    const updated = await stores.escalations.update(id, (e) => {
      if (e.state !== 'open') {
        lost = e.claimedBy !== staff.staffId;
        return e;
      }
      return { ...e, state: 'claimed', claimedBy: staff.staffId, claimedAt: clock.now().toISOString() };
    });
    if (lost) throw alreadyClaimed();
    await sessions.mutate(updated.ref, (s) => {
      s.state = 'with_staff';
      s.escalationId = id;
    });
    await notices.push(updated.ref, [
      notices.systemMessage(`Cán bộ ${staff.name} đã tiếp nhận và sẽ trao đổi với bạn ngay tại đây.`),
    ]);
    return updated;
  }

  async function postStaffMessage(id: string, staff: StaffIdentity, text: string): Promise<ChatMessage> {
    let e = await requireEscalation(id);
    if (e.state === 'resolved')
      throw alreadyResolved('Yêu cầu này đã kết thúc; không thể gửi thêm tin nhắn.');
    if (e.state === 'open') e = await claim(id, staff);
    if (e.claimedBy !== staff.staffId) throw alreadyClaimed('Yêu cầu này do cán bộ khác phụ trách.');
    const now = clock.now();
    const message: ChatMessage = {
      id: newId(now.getTime()),
      from: 'staff',
      text,
      createdAt: now.toISOString(),
      staffId: staff.staffId,
    };
    await notices.push(e.ref, [message]);
    return message;
  }

  async function resolve(id: string, staff: StaffIdentity): Promise<Escalation> {
    const current = await requireEscalation(id);
    if (current.state === 'resolved') throw alreadyResolved();
    if (current.state === 'claimed' && current.claimedBy !== staff.staffId)
      throw alreadyClaimed('Yêu cầu này do cán bộ khác phụ trách.');
    const now = clock.now().toISOString();
    const updated = await stores.escalations.update(id, (e) => ({
      ...e,
      state: 'resolved',
      resolvedAt: now,
      resolvedBy: staff.staffId,
      claimedBy: e.claimedBy ?? staff.staffId,
    }));
    // Only the escalation the conversation is waiting on hands it back to the assistant and asks for
    // a rating; closing any other (an old or orphaned one) must not interrupt a wait for staff.
    let waitedOn = false;
    await sessions.mutate(updated.ref, (s) => {
      waitedOn = s.escalationId === id;
      if (waitedOn) {
        s.state = 'bot';
        s.escalationId = undefined;
        s.pending = { kind: 'handoff_rating', escalationId: id };
      }
    });
    if (waitedOn) {
      await notices.push(updated.ref, [
        notices.systemMessage(
          'Cuộc trao đổi với cán bộ đã kết thúc. Bạn hài lòng thế nào với sự hỗ trợ vừa rồi? (chọn từ 1 đến 5, có thể bỏ qua)',
          { quickReplies: ratingReplies(id) },
        ),
      ]);
    }
    return updated;
  }

  async function transfer(id: string, team: TeamId, staff: StaffIdentity): Promise<Escalation> {
    const current = await requireEscalation(id);
    if (current.state === 'resolved') throw alreadyResolved();
    const updated = await stores.escalations.update(id, (e) => {
      const { claimedBy: _c, claimedAt: _a, ...rest } = e;
      return { ...rest, state: 'open', team };
    });
    await stores.escalations.addNote(id, {
      staffId: staff.staffId,
      text: `Chuyển sang nhóm ${TEAMS.find((t) => t.id === team)?.name ?? team}.`,
      createdAt: clock.now().toISOString(),
    });
    await sessions.mutate(updated.ref, (s) => {
      if (s.escalationId === id) s.state = 'waiting_staff';
    });
    await notices.push(updated.ref, [
      notices.systemMessage(
        'Yêu cầu của bạn đã được chuyển tới bộ phận phụ trách phù hợp. Cán bộ sẽ trả lời bạn sớm.',
      ),
    ]);
    return updated;
  }

  return { claim, postStaffMessage, resolve, transfer };
}
