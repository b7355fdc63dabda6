import { followDossier, startDossierLookup } from './flows/dossier';
import { continueFeedback, startFeedback } from './flows/feedback';
import { answerFormerUnitByCode, answerPart } from './flows/former-unit';
import { cancelHandoff, handOff } from './flows/handoff';
import { answerWithEntry } from './flows/procedure';
import { rateAnswer, rateHandoff } from './flows/rating';
import type { Payload } from './payloads';
import { MENU_REPLIES, TEXT } from './texts';
import type { Turn } from './turn';

/** A quick-reply tap (or its text form typed back by a channel): each payload names its action. */
export async function handlePayload(turn: Turn, p: Payload): Promise<void> {
  const { kb } = turn.deps;
  // A tap answers "Bạn muốn gặp cán bộ phải không ạ?" as well as typing would: a later "có" must not.
  if (turn.session.pending?.kind === 'handoff_confirm') turn.session.pending = undefined;
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
