import { addMinutes } from '../../shared/clock';
import type { HandoffReason } from '../../stores/escalation-store';
import { describeLocal, isOpen, nextOpening } from '../office-hours';
import { encodePayload } from '../payloads';
import { teamFor } from '../teams';
import { HANDOFF_REPLY } from '../texts';
import type { Turn } from '../turn';

/** The contract's `sessionId` of a conversation: the widget's id on the web. */
export function contractSessionId(turn: Turn): string {
  const { ref } = turn.session;
  return ref.channel === 'web' ? ref.userId : `${ref.channel}:${ref.userId}`;
}

/** Hands the conversation to staff: an escalation in the right team's queue, the citizen told what happens next. */
export function handOff(turn: Turn, reason: HandoffReason, lastMessage?: string): void {
  const { session } = turn;
  if (session.state !== 'bot' && session.escalationId) {
    turn.say('Yêu cầu gặp cán bộ của bạn đã được ghi nhận, vui lòng chờ trong giây lát.', { from: 'system' });
    return;
  }
  const { settings } = turn.deps;
  const now = turn.now;
  const entry = session.lastEntryId ? turn.deps.kb.get(session.lastEntryId) : undefined;
  const open = isOpen(now, settings.officeHours);
  const startsAt = nextOpening(now, settings.officeHours);
  // The id is the citizen's message id: one message can open at most one escalation, however often
  // its effects are applied.
  const escalationId = turn.userMessageId;
  turn.effect({
    kind: 'open_escalation',
    escalation: {
      id: escalationId,
      ref: session.ref,
      sessionId: contractSessionId(turn),
      channel: session.ref.channel,
      reason,
      state: 'open',
      team: teamFor(entry?.team, session.lastIntent),
      createdAt: now.toISOString(),
      dueBy: addMinutes(startsAt, settings.handoffSlaMinutes).toISOString(),
      ...(lastMessage ? { lastMessage: lastMessage.slice(0, 300), lastMessageAt: now.toISOString() } : {}),
      ...(session.lastIntent ? { intent: session.lastIntent } : {}),
      ...(entry ? { entryId: entry.id } : {}),
    },
  });
  turn.effect({ kind: 'count', counter: 'escalations', at: now.toISOString() });
  session.state = 'waiting_staff';
  session.escalationId = escalationId;
  session.pending = undefined;
  session.unhelpfulStreak = 0;
  const cancel = { title: 'Hủy yêu cầu', payload: encodePayload({ type: 'cancel_handoff' }) };
  if (open) {
    turn.say(
      'Tôi đã chuyển cuộc trò chuyện tới cán bộ. Cán bộ sẽ trả lời bạn ngay tại đây trong ít phút, bạn vui lòng chờ nhé.',
      {
        from: 'system',
        quickReplies: [cancel],
      },
    );
  } else {
    turn.say(
      `Hiện đã ngoài giờ làm việc. Yêu cầu của bạn đã được ghi nhận và cán bộ sẽ trả lời tại đây từ ${describeLocal(startsAt, settings.officeHours)}. Bạn có thể để lại câu hỏi chi tiết ngay bây giờ.`,
      { from: 'system', quickReplies: [cancel] },
    );
  }
}

/** Two answers in a row that did not help: offer a person rather than a third guess. */
export function offerHandoffAfterUnhelpful(turn: Turn): void {
  turn.session.unhelpfulStreak += 1;
  if (turn.session.unhelpfulStreak >= 2) {
    turn.say('Có vẻ tôi chưa giúp được bạn. Bạn có muốn trao đổi trực tiếp với cán bộ không?', {
      quickReplies: [HANDOFF_REPLY],
    });
  }
}

export function cancelHandoff(turn: Turn): void {
  const { session } = turn;
  if (session.state !== 'waiting_staff' || !session.escalationId) {
    turn.say('Hiện bạn không có yêu cầu gặp cán bộ nào đang chờ.');
    return;
  }
  turn.effect({
    kind: 'withdraw_escalation',
    escalationId: session.escalationId,
    at: turn.now.toISOString(),
  });
  session.state = 'bot';
  session.escalationId = undefined;
  turn.say('Đã hủy yêu cầu gặp cán bộ. Tôi có thể giúp gì thêm cho bạn ạ?');
}
