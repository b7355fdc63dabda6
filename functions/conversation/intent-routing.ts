import { aspect as aspectCue } from '../../intents/entities/aspect';
import { messageLanguage } from '../../intents/language';
import type { Aspect } from '../../intents/taxonomy';
import type { Understanding } from '../../intents/types';
import {
  ASPECT_NAMES,
  asksForPerson,
  asksToBeNotified,
  namesNoProcedure,
  REPORT_WORDS,
  SENSITIVE,
} from '../../intents/vocabulary';
import { asksMeaningOrRule, uncoveredTopic, uncoveredTopicById } from '../../knowledge/retrieval/uncovered';
import { handleDigitalAddress } from './flows/address';
import { followDossier, startDossierLookup } from './flows/dossier';
import { FEEDBACK_REFERENCE, showFeedbackStatus, startFeedback } from './flows/feedback';
import { answerFormerUnit, statesOnlyPlace } from './flows/former-unit';
import { handOff, offerHandoffAfterUnhelpful } from './flows/handoff';
import { answerFromKnowledge, recordUnanswered, sayNoAnswer, subjectWords } from './flows/procedure';
import { ratingFromWords, recordRating } from './flows/rating';
import { HANDOFF_REPLY, MENU_REPLIES, TEXT } from './texts';
import type { Turn } from './turn';

/** Below this the classifier's guess is not acted on. */
export const CONFIDENCE_FLOOR = 0.4;
/** Below this a report is not opened as a feedback form without asking first. */
const FEEDBACK_CONFIDENCE = 0.75;
/** Below this, a wish for a person not said in words is asked about before the staff queue. */
const HANDOFF_CONFIDENCE = 0.75;

/** Intents whose own flows take a place: a dossier, an address, a person asked for. */
const PLACE_INTENTS: ReadonlySet<string> = new Set(['dossier_status', 'digital_address', 'human_handoff']);

/** A procedure answered, or a choice of them offered: what a short follow-up is about. */
const inTopic = ({ session }: Turn): boolean =>
  session.lastEntryId !== undefined || (session.lastCandidates?.length ?? 0) > 0;

/**
 * "mất mấy ngày?", "thế lệ phí bao nhiêu?" right after a procedure answer continue that topic,
 * whatever the classifier makes of so few words.
 */
function isAspectFollowUp(turn: Turn, u: Understanding): boolean {
  if (!inTopic(turn) || !u.entities.aspect || u.entities.dossierCode) return false;
  if (u.intent === 'human_handoff' || u.intent === 'procedure_info') return false;
  return u.text.tokens.length <= 6;
}

/**
 * An aspect asked of no procedure at all: no topic in the conversation, and a short message of aspect
 * cues and fillers only ("hết bao nhiêu tiền", "mất mấy ngày"). A dossier question ("bao lâu có kết
 * quả") keeps its own flow.
 */
function aspectOfNoProcedure(turn: Turn, u: Understanding): Aspect | undefined {
  // The classifier's entities leave out the aspect of a message it reads as out of scope.
  const aspect = u.entities.aspect ?? aspectCue(u.text);
  if (inTopic(turn) || !aspect || u.entities.dossierCode || u.text.tokens.length > 6) return undefined;
  // A report names what is wrong ("đèn đường hỏng"): a message of cues and fillers only is none.
  if (u.intent === 'dossier_status' || u.intent === 'human_handoff') return undefined;
  return subjectWords(u).length === 0 ? aspect : undefined;
}

/** A message that answers no pending question: the intent chooses the flow. */
export async function routeByIntent(turn: Turn, u: Understanding): Promise<void> {
  const folded = u.text.folded;
  if (messageLanguage(u.text.raw) !== 'vi') {
    sayNoAnswer(turn, u, { decision: 'unknown', reason: 'other_language' });
    return;
  }
  // Old place names after the 1 July 2025 merger, before a short "xã nào" is taken for a follow-up.
  if (answerFormerUnit(turn, u, u.confidence < CONFIDENCE_FLOOR)) return;
  // "vậy tòa nào giải quyết" right after a divorce question was declined: the same honest answer.
  const declined = turn.session.lastUncovered ? uncoveredTopicById(turn.session.lastUncovered) : undefined;
  const topic =
    uncoveredTopic(u.text) ??
    (declined && (u.intent === 'out_of_scope' || namesNoProcedure(u.text.foldedTokens))
      ? declined
      : undefined);
  if (topic && u.intent !== 'human_handoff' && u.intent !== 'feedback_report') {
    sayNoAnswer(turn, u, { decision: 'unknown', reason: 'other_authority', topic });
    return;
  }
  // "vượt đèn đỏ bị phạt bao nhiêu", "lương cơ sở là bao nhiêu": a rule, whatever the intent.
  if (asksMeaningOrRule(u.text) === 'rule' && u.intent !== 'human_handoff') {
    sayNoAnswer(turn, u, { decision: 'unknown', reason: 'rule' });
    return;
  }
  // "nhắn cho tôi khi có kết quả" right after a dossier was shown: the "Báo tôi" button, typed.
  const shown = turn.session.verifiedDossiers?.at(-1);
  if (shown && asksToBeNotified(folded)) {
    await followDossier(turn, shown);
    return;
  }
  if (isAspectFollowUp(turn, u)) {
    await answerFromKnowledge(turn, u);
    return;
  }
  // "hết bao nhiêu tiền" as a first message: a fee, of no procedure yet. Ask which one.
  const asked = aspectOfNoProcedure(turn, u);
  if (asked) {
    turn.say(
      `Bạn muốn hỏi ${ASPECT_NAMES[asked]} của thủ tục nào ạ? Bạn nhắn tên thủ tục giúp tôi, ví dụ: “làm lại căn cước” hoặc “đăng ký khai sinh”.`,
      { quickReplies: MENU_REPLIES.slice(0, 1) },
    );
    turn.session.pending = { kind: 'which_procedure', aspect: asked };
    return;
  }
  // "nhà em ở xã Phước Dinh": where the citizen lives, said before the question. Noted (notePlace),
  // then the question asked for; not a report, not "out of scope".
  if (!PLACE_INTENTS.has(u.intent) && statesOnlyPlace(u)) {
    turn.say(TEXT.placeNoted, { quickReplies: MENU_REPLIES });
    return;
  }
  if (u.confidence < CONFIDENCE_FLOOR && u.intent !== 'out_of_scope') {
    if (SENSITIVE.test(folded)) {
      turn.say('Nội dung này cần cán bộ xem xét trực tiếp. Tôi đang chuyển bạn tới cán bộ.');
      handOff(turn, 'low_confidence', u.text.raw);
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
      // Address, phone, hours: the entry's place text, which says where they are published.
      await answerFromKnowledge(
        turn,
        u,
        `Tôi chưa có thông tin liên hệ chính xác của cơ quan bạn hỏi; giờ làm việc, địa chỉ, số điện thoại được niêm yết tại trụ sở và trên trang thông tin điện tử của cơ quan. ${TEXT.hotline}`,
        'place',
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
        handOff(turn, 'complaint', u.text.raw);
        return;
      }
      // The form takes several turns: open it only when the message surely is a report.
      if (u.confidence < FEEDBACK_CONFIDENCE && !REPORT_WORDS.test(folded)) {
        turn.say('Bạn muốn gửi phản ánh, kiến nghị về việc này phải không ạ?', {
          quickReplies: [MENU_REPLIES[3], HANDOFF_REPLY].filter((r) => r !== undefined),
        });
        return;
      }
      await startFeedback(turn, u);
      return;
    case 'human_handoff':
      // "tôi cần hỗ trợ" may want a person or may not: ask, one tap away, rather than put a
      // conversation in the staff queue that the assistant could answer.
      if (u.confidence < HANDOFF_CONFIDENCE && !asksForPerson(folded)) {
        turn.say(TEXT.handoffOrAsk, { quickReplies: [HANDOFF_REPLY, ...MENU_REPLIES.slice(0, 3)] });
        turn.session.pending = { kind: 'handoff_confirm' };
        return;
      }
      handOff(turn, 'requested', u.text.raw);
      return;
    case 'bot_feedback':
      handleBotFeedback(turn, u);
      return;
    case 'out_of_scope':
      recordUnanswered(turn, u);
      turn.say(TEXT.outOfScope, { quickReplies: MENU_REPLIES });
      offerHandoffAfterUnhelpful(turn);
      return;
  }
}

function handleBotFeedback(turn: Turn, u: Understanding): void {
  // 👍 alone is a reaction, not a rating.
  if (!/[\p{L}\p{N}]/u.test(u.text.raw)) {
    turn.say('Cảm ơn bạn! Bạn cần hỗ trợ gì thêm ạ?');
    return;
  }
  const score = ratingFromWords(u.text.folded, u.text.raw);
  const entry = turn.session.lastEntryId ? turn.deps.kb.get(turn.session.lastEntryId) : undefined;
  if (score !== undefined) {
    recordRating(turn, `words:${turn.userMessageId}`, {
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
  offerHandoffAfterUnhelpful(turn);
}
