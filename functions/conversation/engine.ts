import type { Understanding } from '../../intents/types';
import { answerByLocation, continueAddressQuery, handleDigitalAddress } from './flows/address';
import { continueWithCode, continueWithPhone, followDossier, startDossierLookup } from './flows/dossier';
import { continueFeedback, FEEDBACK_REFERENCE, showFeedbackStatus, startFeedback } from './flows/feedback';
import {
  answerFormerUnit,
  answerFormerUnitByCode,
  answerPart,
  continueFormerUnit,
  describeFormerChoice,
} from './flows/former-unit';
import { cancelHandoff, handOff, offerHandoffAfterUnhelpful } from './flows/handoff';
import { ASPECT_LABEL, answerFromKnowledge, answerWithEntry, recordUnanswered } from './flows/procedure';
import { HANDOFF_SCORE_LABELS, rateAnswer, rateHandoff, ratingFromWords } from './flows/rating';
import type { Inbound } from './model';
import { decodePayload, encodePayload, type Payload } from './payloads';
import { HANDOFF_REPLY, MENU_REPLIES, TEXT } from './texts';
import type { Turn } from './turn';

/** Below this the classifier's guess is not acted on. */
export const CONFIDENCE_FLOOR = 0.4;
/** A pending question is abandoned when the citizen clearly asks something else. */
const SWITCH_TOPIC_CONFIDENCE = 0.75;
/** Matters where a wrong automatic answer costs too much: hand them to a person when unsure. */
const SENSITIVE =
  /\b(khieu nai|to cao|tham nhung|hoi lo|bao luc|xam hai|khan cap|cap cuu|tu tu|de doa|lua dao)\b/u;

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
        await continueWithPhone(turn, session.pending.code, turn.deps.nlu.understand(inbound.phone));
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

  if (session.pending && (await continuePending(turn, u, text))) {
    session.lastIntent = u.intent;
    return;
  }
  session.pending = undefined;
  await route(turn, u);
  session.lastIntent = u.intent;
}

async function continuePending(turn: Turn, u: Understanding, text: string): Promise<boolean> {
  const pending = turn.session.pending;
  if (!pending) return false;
  const switching = u.confidence >= SWITCH_TOPIC_CONFIDENCE;
  switch (pending.kind) {
    case 'dossier_code':
      return continueWithCode(turn, u);
    case 'dossier_phone':
      return continueWithPhone(turn, pending.code, u);
    case 'address_query':
      if (switching && u.intent !== 'digital_address' && u.intent !== 'out_of_scope') return false;
      return continueAddressQuery(turn, u, turn.deps.addresses);
    case 'feedback': {
      if (pending.step === 'consent') {
        const consent = consentFromWords(u.text.folded);
        if (consent !== undefined) return continueFeedback(turn, { kind: 'text', text }, false, consent);
        if (switching && u.intent !== 'feedback_report') {
          // The citizen moved on: file what they reported (no consent to contact) rather than lose it.
          await continueFeedback(turn, { kind: 'text', text }, false, false);
          return false;
        }
        turn.say('Bạn vui lòng trả lời “Đồng ý” hoặc “Không” để tôi hoàn tất phản ánh.', {
          quickReplies: [
            { title: 'Đồng ý', payload: encodePayload({ type: 'feedback_consent', consent: true }) },
            { title: 'Không', payload: encodePayload({ type: 'feedback_consent', consent: false }) },
          ],
        });
        return true;
      }
      if (
        switching &&
        pending.step === 'what' &&
        u.intent !== 'feedback_report' &&
        u.intent !== 'out_of_scope'
      )
        return false;
      return continueFeedback(turn, { kind: 'text', text }, false);
    }
    case 'former_unit':
      return continueFormerUnit(turn, pending, u);
    case 'handoff_rating': {
      const score =
        /^\s*([1-5])\s*(sao|\*)?\s*$/u.exec(u.text.folded)?.[1] ?? ratingFromWords(u.text.folded)?.toString();
      if (!score) return false;
      await rateHandoff(turn, pending.escalationId, Number(score));
      return true;
    }
  }
}

/** "đồng ý", "có", "ok" / "không", "thôi": a yes or a no, typed instead of tapped. */
export function consentFromWords(folded: string): boolean | undefined {
  const t = folded.trim();
  if (/^(khong|ko|k|hok|thoi|no|khong dong y|tu choi)\b/u.test(t)) return false;
  if (/^(co|dong y|ok|oke|okay|duoc|dc|vang|u|uh|yes|dong y a|chac chan|dong)\b/u.test(t)) return true;
  return undefined;
}

/**
 * "mất mấy ngày?", "thế lệ phí bao nhiêu?" right after a procedure answer continue that topic,
 * whatever the classifier makes of so few words.
 */
function isAspectFollowUp(turn: Turn, u: Understanding): boolean {
  const { session } = turn;
  const inTopic = session.lastEntryId !== undefined || (session.lastCandidates?.length ?? 0) > 0;
  if (!inTopic || !u.entities.aspect || u.entities.dossierCode) return false;
  if (u.intent === 'human_handoff' || u.intent === 'procedure_info') return false;
  return u.text.tokens.length <= 6;
}

async function route(turn: Turn, u: Understanding): Promise<void> {
  const folded = u.text.folded;
  // Old place names after the 1 July 2025 merger, before a short "xã nào" is taken for a follow-up.
  if (answerFormerUnit(turn, u, u.confidence < CONFIDENCE_FLOOR)) return;
  if (isAspectFollowUp(turn, u)) {
    await answerFromKnowledge(turn, u);
    return;
  }
  if (u.confidence < CONFIDENCE_FLOOR && u.intent !== 'out_of_scope') {
    if (SENSITIVE.test(folded)) {
      turn.say('Nội dung này cần cán bộ xem xét trực tiếp. Tôi đang chuyển bạn tới cán bộ.');
      await handOff(turn, 'low_confidence', u.text.raw);
      return;
    }
    await answerFromKnowledge(turn, u);
    return;
  }
  switch (u.intent) {
    case 'greeting':
      turn.say(TEXT.welcome, { quickReplies: MENU_REPLIES });
      return;
    case 'goodbye':
      turn.say(TEXT.goodbye);
      return;
    case 'thanks':
      // Thanks means the last answer helped: the unhelpful streak starts over.
      turn.session.unhelpfulStreak = 0;
      turn.say(TEXT.thanks);
      return;
    case 'help':
      turn.say(TEXT.help, { quickReplies: MENU_REPLIES });
      return;
    case 'procedure_info':
      await answerFromKnowledge(turn, u);
      return;
    case 'dossier_status': {
      const ref = FEEDBACK_REFERENCE.exec(u.text.raw)?.[0];
      if (ref) return showFeedbackStatus(turn, ref);
      await startDossierLookup(turn, u);
      return;
    }
    case 'digital_address':
      await handleDigitalAddress(turn, u, turn.deps.addresses);
      return;
    case 'account_help':
      await answerFromKnowledge(
        turn,
        u,
        'Về tài khoản định danh điện tử (VNeID) và đăng nhập Cổng Dịch vụ công, bạn có thể liên hệ Công an xã/phường nơi cư trú hoặc gọi Tổng đài 1022 để được hỗ trợ.',
      );
      return;
    case 'payment_help':
      await answerFromKnowledge(
        turn,
        u,
        'Về thanh toán trực tuyến phí, lệ phí: bạn vui lòng giữ lại mã giao dịch và liên hệ bộ phận một cửa nơi nộp hồ sơ hoặc Tổng đài 1022 để được kiểm tra.',
      );
      return;
    case 'agency_contact':
      await answerFromKnowledge(
        turn,
        u,
        `Tôi chưa có thông tin liên hệ chính xác của cơ quan bạn hỏi. ${TEXT.hotline}`,
      );
      return;
    case 'business_support':
      await answerFromKnowledge(
        turn,
        u,
        'Về chính sách hỗ trợ doanh nghiệp, bạn có thể liên hệ Sở Tài chính (lĩnh vực đầu tư, doanh nghiệp) hoặc Tổng đài 1022 để được hướng dẫn.',
      );
      return;
    case 'feedback_report':
      if (SENSITIVE.test(folded) && u.confidence < 0.6) {
        await handOff(turn, 'complaint', u.text.raw);
        return;
      }
      await startFeedback(turn, u);
      return;
    case 'human_handoff':
      await handOff(turn, 'requested', u.text.raw);
      return;
    case 'bot_feedback':
      await handleBotFeedback(turn, u);
      return;
    case 'out_of_scope':
      await recordUnanswered(turn, u);
      turn.say(TEXT.outOfScope, { quickReplies: MENU_REPLIES });
      await offerHandoffAfterUnhelpful(turn);
      return;
  }
}

async function handleBotFeedback(turn: Turn, u: Understanding): Promise<void> {
  const score = ratingFromWords(u.text.folded);
  const entry = turn.session.lastEntryId ? turn.deps.kb.get(turn.session.lastEntryId) : undefined;
  if (score !== undefined) {
    await turn.deps.stores.ratings.addOnce(`words:${turn.userMessageId}`, {
      kind: 'answer',
      score,
      satisfied: score >= 4,
      channel: turn.session.ref.channel,
      intent: 'bot_feedback',
      ...(entry ? { entryId: entry.id, entryTitle: entry.plainTitle ?? entry.title } : {}),
      createdAt: turn.now.toISOString(),
    });
  }
  if (score !== undefined && score >= 4) {
    turn.session.unhelpfulStreak = 0;
    turn.say('Cảm ơn bạn đã đánh giá! Tôi sẽ tiếp tục cố gắng hỗ trợ bạn tốt hơn.');
    return;
  }
  turn.say(
    'Xin lỗi vì câu trả lời chưa đáp ứng mong muốn của bạn. Bạn có thể hỏi lại cụ thể hơn, hoặc gặp cán bộ để được hỗ trợ trực tiếp.',
    {
      quickReplies: [HANDOFF_REPLY],
    },
  );
  await offerHandoffAfterUnhelpful(turn);
}

async function handlePayload(turn: Turn, p: Payload): Promise<void> {
  const { kb } = turn.deps;
  switch (p.type) {
    case 'aspect':
    case 'entry': {
      const entry = kb.get(p.entryId);
      if (!entry) {
        turn.say('Xin lỗi, thông tin này không còn. Bạn vui lòng hỏi lại nhé.');
        return;
      }
      answerWithEntry(turn, entry, p.type === 'aspect' ? p.aspect : undefined);
      return;
    }
    case 'helpful':
      return rateAnswer(turn, p);
    case 'rate':
      return rateHandoff(turn, p.escalationId, p.score);
    case 'rate_skip':
      if (turn.session.pending?.kind === 'handoff_rating') turn.session.pending = undefined;
      turn.say('Cảm ơn bạn. Khi cần, bạn cứ nhắn cho tôi nhé.');
      return;
    case 'handoff':
      return handOff(turn, 'requested');
    case 'cancel_handoff':
      return cancelHandoff(turn);
    case 'follow':
      return followDossier(turn, p.code);
    case 'menu':
      return openMenu(turn, p.topic);
    case 'feedback_skip':
      if (!(await continueFeedback(turn, { kind: 'text', text: '' }, true)))
        turn.say('Bạn cần hỗ trợ gì thêm ạ?');
      return;
    case 'feedback_consent':
      if (!(await continueFeedback(turn, { kind: 'text', text: '' }, false, p.consent)))
        turn.say('Bạn cần hỗ trợ gì thêm ạ?');
      return;
    case 'former_part':
      return answerPart(turn, p.former, p.into);
    case 'former_unit':
      return answerFormerUnitByCode(turn, p.former);
  }
}

async function openMenu(turn: Turn, topic: Extract<Payload, { type: 'menu' }>['topic']): Promise<void> {
  const u = turn.deps.nlu.understand('');
  switch (topic) {
    case 'procedure':
      turn.say(
        'Bạn cần hỏi thủ tục nào? Hãy nhắn tên thủ tục và điều bạn muốn biết, ví dụ: “đăng ký khai sinh cần giấy tờ gì”, “cấp lại căn cước mất bao lâu”.',
      );
      return;
    case 'dossier':
      return startDossierLookup(turn, u);
    case 'address':
      turn.session.pending = { kind: 'address_query' };
      turn.say(
        'Bạn nhập mã địa chỉ số hoặc địa chỉ (số nhà, đường, phường/xã) để tra cứu, hoặc hỏi “địa chỉ số là gì”.',
      );
      return;
    case 'feedback':
      return startFeedback(turn, u);
    case 'account':
    case 'contact':
      turn.say(TEXT.help, { quickReplies: MENU_REPLIES });
      return;
  }
}

/** How a quick-reply tap reads in the transcript staff see. */
export function describePayload(raw: string): string {
  const p = decodePayload(raw);
  if (!p) return raw;
  switch (p.type) {
    case 'aspect':
      return `[Chọn] ${ASPECT_LABEL[p.aspect]}`;
    case 'entry':
      return '[Chọn] một thủ tục';
    case 'helpful':
      return p.helpful ? '[Đánh giá] Hữu ích' : '[Đánh giá] Chưa hữu ích';
    case 'rate':
      return `[Đánh giá] ${p.score}/5 – ${HANDOFF_SCORE_LABELS[p.score - 1]}`;
    case 'rate_skip':
      return '[Bỏ qua đánh giá]';
    case 'handoff':
      return '[Chọn] Gặp cán bộ';
    case 'cancel_handoff':
      return '[Chọn] Hủy yêu cầu gặp cán bộ';
    case 'follow':
      return `[Chọn] Theo dõi hồ sơ ${p.code}`;
    case 'menu':
      return `[Menu] ${p.topic}`;
    case 'feedback_skip':
      return '[Bỏ qua]';
    case 'feedback_consent':
      return p.consent ? '[Đồng ý liên hệ]' : '[Không đồng ý liên hệ]';
    case 'former_part':
    case 'former_unit':
      return describeFormerChoice(p);
  }
}

const round = (n: number) => Math.round(n * 1000) / 1000;
