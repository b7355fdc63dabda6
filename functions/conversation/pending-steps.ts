import type { Understanding } from '../../intents/types';
import { continueAddressQuery } from './flows/address';
import { continueWithCode, continueWithPhone } from './flows/dossier';
import { continueFeedback } from './flows/feedback';
import { rateHandoff, ratingFromWords } from './flows/rating';
import { encodePayload } from './payloads';
import type { Turn } from './turn';

/** A pending question is abandoned when the citizen clearly asks something else. */
const SWITCH_TOPIC_CONFIDENCE = 0.75;

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
