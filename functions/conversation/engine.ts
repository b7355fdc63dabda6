import type { Understanding } from '../../intents/types';
import { afterCancel, asksForPerson, isCancel } from '../../intents/vocabulary';
import { answerByLocation } from './flows/address';
import { continueWithPhone } from './flows/dossier';
import { continueFeedback } from './flows/feedback';
import { notePlace } from './flows/former-unit';
import { handOff } from './flows/handoff';
import { askedPart, continueTopic } from './flows/procedure';
import { answerSchedule } from './flows/schedule';
import { routeByIntent } from './intent-routing';
import type { Inbound } from './model';
import { handlePayload } from './payload-actions';
import { decodePayload } from './payloads';
import { continuePending } from './pending-steps';
import { MENU_REPLIES, TEXT } from './texts';
import type { Turn } from './turn';

/**
 * One turn: normalise → classify → entities → flow → replies. The pending question of the session
 * (a dossier code, a phone, a feedback step, a rating) is given the first chance to read the
 * message; otherwise the intent chooses the flow.
 */
export async function runTurn(turn: Turn, inbound: Inbound): Promise<void> {
  const { session } = turn;
  switch (inbound.kind) {
    case 'follow':
      turn.say(TEXT.welcome, { quickReplies: MENU_REPLIES });
      return;
    case 'shared_info':
      if (inbound.phone) session.sharedPhone = inbound.phone;
      if (session.pending?.kind === 'dossier_phone' && inbound.phone) {
        await continueWithPhone(turn, session.pending, turn.deps.nlu.understand(inbound.phone));
        return;
      }
      turn.say(
        'Cảm ơn bạn đã chia sẻ thông tin. Tôi sẽ dùng số điện thoại này để xác minh khi bạn tra cứu hồ sơ.',
      );
      return;
    case 'location':
      if (session.pending?.kind === 'feedback' && (await continueFeedback(turn, inbound, false))) return;
      await answerByLocation(turn, inbound.lat, inbound.lng, turn.deps.addresses);
      return;
    case 'attachment':
      if (session.pending?.kind === 'feedback' && (await continueFeedback(turn, inbound, false))) return;
      turn.say(
        inbound.type === 'image' || inbound.type === 'gif'
          ? 'Cảm ơn bạn đã gửi ảnh. Tôi chưa đọc được nội dung ảnh; nếu bạn muốn gửi phản ánh kèm ảnh, hãy chọn “Gửi phản ánh”.'
          : 'Xin lỗi, tôi chỉ đọc được tin nhắn chữ. Bạn vui lòng nhắn câu hỏi bằng chữ nhé.',
        { quickReplies: MENU_REPLIES.slice(0, 4) },
      );
      return;
    case 'payload': {
      const p = decodePayload(inbound.payload);
      if (p) return handlePayload(turn, p);
      turn.say('Lựa chọn này không còn hiệu lực. Bạn vui lòng nhắn câu hỏi của mình nhé.', {
        quickReplies: MENU_REPLIES,
      });
      return;
    }
    case 'text': {
      const p = decodePayload(inbound.text.trim());
      if (p) return handlePayload(turn, p);
      return handleText(turn, inbound.text);
    }
  }
}

async function handleText(turn: Turn, text: string): Promise<void> {
  const { session, deps } = turn;
  const u = deps.nlu.understand(text);
  turn.nlu = u;
  turn.understanding = {
    intent: u.intent,
    confidence: round(u.confidence),
    ...(u.entities.aspect ? { aspect: u.entities.aspect } : {}),
  };

  // A request for a person or a cancel word overrides whatever step is pending.
  if (overridesPending(turn, u)) {
    session.lastIntent = u.intent;
    return;
  }
  if (session.pending && (await continuePending(turn, u, text))) {
    session.lastIntent = u.intent;
    return;
  }
  session.pending = undefined;
  const asked = askedPart(turn, u);
  if (!answerSchedule(turn, asked) && !continueTopic(turn, asked)) await routeByIntent(turn, asked);
  // The unit the citizen lives in, named after an answer that leaves "UBND cấp xã" unnamed.
  if (session.state === 'bot' && session.pending === undefined) notePlace(turn, u);
  session.lastIntent = u.intent;
}

/**
 * "thôi cho gặp nhân viên", "hủy", "thôi khỏi": never read as the answer to the pending step (an
 * incident's location, a dossier code). A person is asked for; a cancel drops the step.
 */
function overridesPending(turn: Turn, u: Understanding): boolean {
  const folded = u.text.folded;
  // The classifier alone decides only over a pending step; otherwise the message is routed as usual
  // ("có cần có mặt không hay nhờ người nhà" is a question about the active procedure).
  const wantsPerson =
    asksForPerson(folded) ||
    (turn.session.pending !== undefined &&
      u.intent === 'human_handoff' &&
      u.confidence >= HANDOFF_CONFIDENCE);
  if (wantsPerson) {
    turn.session.pending = undefined;
    handOff(turn, 'requested', u.text.raw);
    return true;
  }
  if (turn.session.pending && isCancel(folded)) {
    turn.session.pending = undefined;
    // "thôi để sau, cho hỏi đổi căn cước hết bao nhiêu": the step is dropped and the question answered.
    if (afterCancel(u.text.foldedTokens).length >= MIN_QUESTION_WORDS) return false;
    turn.say(TEXT.cancelled, { quickReplies: MENU_REPLIES });
    return true;
  }
  return false;
}

/** Words after a cancel that make the rest of the message a question of its own. */
const MIN_QUESTION_WORDS = 2;
/** How sure the classifier must be that a message asks for a person, when no cue says so. */
const HANDOFF_CONFIDENCE = 0.6;

const round = (n: number) => Math.round(n * 1000) / 1000;
