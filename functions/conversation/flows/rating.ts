import type { Rating } from '../../stores/rating-store';
import { sessionKey } from '../model';
import { decodePayload, type Payload } from '../payloads';
import { HANDOFF_REPLY } from '../texts';
import type { Turn } from '../turn';
import { handOff } from './handoff';

/**
 * A rating, once per target: the flow read that the target was not rated; the conditional write
 * after the commit keeps it to one even when two taps race. Its id is the citizen's message id.
 */
export function recordRating(turn: Turn, targetKey: string, rating: Omit<Rating, 'id'>): void {
  turn.effect({ kind: 'record_rating', id: turn.userMessageId, targetKey, rating });
}

/**
 * Whether a rating payload names an answer of THIS conversation that offered it: a bot message of
 * the session's own transcript carrying that very "Hữu ích"/"Chưa hữu ích" button. A payload is text
 * anyone can type (`#qr:helpful:<id>:-:0`), so without this check ratings could be forged for any id.
 */
async function ratedAnswer(turn: Turn, p: Extract<Payload, { type: 'helpful' }>) {
  const message = await turn.deps.stores.conversations.messageOf(turn.session, p.messageId);
  if (message?.from !== 'bot') return undefined;
  const offered = message.quickReplies?.some((q) => {
    const offer = q.payload ? decodePayload(q.payload) : undefined;
    return offer?.type === 'helpful' && offer.messageId === p.messageId && offer.helpful === p.helpful;
  });
  return offered ? message : undefined;
}

/** "Hữu ích" / "Chưa hữu ích" on a bot answer: once per answer, never asked again. */
export async function rateAnswer(turn: Turn, p: Extract<Payload, { type: 'helpful' }>): Promise<void> {
  const answer = await ratedAnswer(turn, p);
  if (!answer) {
    turn.say('Xin lỗi, không tìm thấy câu trả lời cần đánh giá trong cuộc trò chuyện này.');
    return;
  }
  // The entry the answer was given from, as recorded with it — not whatever the payload claims.
  const entry = answer.entryId ? turn.deps.kb.get(answer.entryId) : undefined;
  const targetKey = `answer:${sessionKey(turn.session.ref)}:${answer.id}`;
  if (await turn.deps.stores.ratings.isRated(targetKey)) {
    turn.say('Bạn đã đánh giá câu trả lời này rồi. Cảm ơn bạn!');
    return;
  }
  recordRating(turn, targetKey, {
    kind: 'answer',
    score: p.helpful ? 5 : 1,
    satisfied: p.helpful,
    channel: turn.session.ref.channel,
    ...(turn.session.lastIntent ? { intent: turn.session.lastIntent } : {}),
    ...(entry
      ? {
          entryId: entry.id,
          entryTitle: entry.plainTitle ?? entry.title,
          ...(entry.team ? { team: entry.team } : {}),
        }
      : {}),
    createdAt: turn.now.toISOString(),
  });
  if (p.helpful) {
    turn.session.unhelpfulStreak = 0;
    turn.say('Cảm ơn bạn đã đánh giá! Bạn còn cần hỗ trợ gì nữa không ạ?');
    return;
  }
  turn.session.unhelpfulStreak += 1;
  if (turn.session.unhelpfulStreak >= 2) {
    turn.say(
      'Xin lỗi vì câu trả lời chưa giúp được bạn. Tôi chuyển bạn tới cán bộ để được hỗ trợ trực tiếp.',
    );
    handOff(turn, 'bad_rating');
    return;
  }
  turn.say(
    'Xin lỗi vì câu trả lời chưa giúp được bạn. Bạn có thể hỏi lại cụ thể hơn, hoặc gặp cán bộ để được hỗ trợ.',
    {
      quickReplies: [HANDOFF_REPLY],
    },
  );
}

export const HANDOFF_SCORE_LABELS = [
  'Rất không hài lòng',
  'Không hài lòng',
  'Bình thường',
  'Hài lòng',
  'Rất hài lòng',
] as const;

/** Five levels after a staff conversation, with an optional comment typed next. */
export async function rateHandoff(turn: Turn, escalationId: string, score: number): Promise<void> {
  const escalation = await turn.deps.stores.escalations.get(escalationId);
  if (!escalation || escalation.ref.userId !== turn.session.ref.userId) {
    turn.say('Xin lỗi, không tìm thấy cuộc trao đổi cần đánh giá.');
    return;
  }
  const targetKey = `handoff:${escalationId}`;
  if (turn.session.pending?.kind === 'handoff_rating') turn.session.pending = undefined;
  if (await turn.deps.stores.ratings.isRated(targetKey)) {
    turn.say('Bạn đã đánh giá cuộc trao đổi này rồi. Cảm ơn bạn!');
    return;
  }
  recordRating(turn, targetKey, {
    kind: 'handoff',
    score,
    satisfied: score >= 4,
    channel: escalation.channel,
    team: escalation.team,
    escalationId,
    ...(escalation.intent ? { intent: escalation.intent } : {}),
    ...(escalation.entryId ? { entryId: escalation.entryId } : {}),
    ...(escalation.claimedBy ? { staffId: escalation.claimedBy } : {}),
    createdAt: turn.now.toISOString(),
  });
  if (score <= 2) {
    turn.say(
      'Cảm ơn bạn đã đánh giá. Chúng tôi rất tiếc vì trải nghiệm chưa tốt; ý kiến của bạn sẽ được chuyển tới bộ phận phụ trách để cải thiện.',
      {
        quickReplies: [HANDOFF_REPLY],
      },
    );
    return;
  }
  turn.say('Cảm ơn bạn đã đánh giá! Chúc bạn một ngày tốt lành.');
}

export { ratingFromWords } from '../../../intents/vocabulary';
