import type { IntentId } from '../../intents/taxonomy';
import type { Understanding } from '../../intents/types';
import { bareScore, consentFromWords, looksLikeCodeAttempt, ratingFromWords } from '../../intents/vocabulary';
import { continueAddressQuery } from './flows/address';
import { continueWithCode, continueWithPhone } from './flows/dossier';
import { continueFeedback } from './flows/feedback';
import { continueFormerUnit } from './flows/former-unit';
import { handOff } from './flows/handoff';
import { answerWhichProcedure } from './flows/procedure';
import { rateHandoff } from './flows/rating';
import { encodePayload } from './payloads';
import { MENU_REPLIES, TEXT } from './texts';
import type { Turn } from './turn';

/** A pending question is abandoned when the citizen clearly asks something else. */
const SWITCH_TOPIC_CONFIDENCE = 0.75;
/** Intents that ask a question of their own rather than describe a place or an incident. */
const NEW_QUESTION: ReadonlySet<IntentId> = new Set([
  'procedure_info',
  'dossier_status',
  'account_help',
  'payment_help',
  'business_support',
  'help',
]);

/**
 * The answer to the question the assistant asked last (a dossier code, a phone, an address, a
 * feedback step, a rating). Returns false when the message is not an answer to it: the caller then
 * routes it by intent, and the pending question is dropped.
 */
export async function continuePending(turn: Turn, u: Understanding, text: string): Promise<boolean> {
  const pending = turn.session.pending;
  if (!pending) return false;
  const switching = u.confidence >= SWITCH_TOPIC_CONFIDENCE;
  switch (pending.kind) {
    case 'dossier_code':
      if (await continueWithCode(turn, u)) return true;
      // "123456": meant as the code, only not in the province's format. Say so and keep asking.
      if (looksLikeCodeAttempt(u.text.raw)) {
        turn.say(
          'Mã hồ sơ bạn nhập chưa đúng định dạng. Mã hồ sơ in trên giấy tiếp nhận có dạng như H43.25-241008-0012; bạn vui lòng kiểm tra và nhập lại.',
        );
        return true;
      }
      return false;
    case 'dossier_phone':
      return continueWithPhone(turn, pending, u);
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
      // A new question is not the incident's place or photo: it is answered instead.
      if (switching && pending.step !== 'what' && NEW_QUESTION.has(u.intent)) return false;
      return continueFeedback(turn, { kind: 'text', text }, false);
    }
    case 'former_unit':
      return continueFormerUnit(turn, pending, u);
    case 'which_procedure':
      return answerWhichProcedure(turn, u, pending.aspect);
    case 'handoff_confirm': {
      const yes = consentFromWords(u.text.folded);
      if (yes === true) {
        handOff(turn, 'requested', u.text.raw);
        return true;
      }
      if (yes === false) {
        turn.say(TEXT.askAway, { quickReplies: MENU_REPLIES.slice(0, 4) });
        return true;
      }
      return false;
    }
    case 'handoff_rating': {
      const score = bareScore(u.text.folded) ?? ratingFromWords(u.text.folded, u.text.raw);
      if (score === undefined) return false;
      await rateHandoff(turn, pending.escalationId, score);
      return true;
    }
  }
}
