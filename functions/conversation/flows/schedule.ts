import { messageLanguage } from '../../../intents/language';
import { WHOLE_MESSAGE_INTENTS } from '../../../intents/taxonomy';
import type { Understanding } from '../../../intents/types';
import { asksSameAgain, type ScheduleAsked, scheduleAsked } from '../../../intents/vocabulary';
import { DECISION_HITS, decideAnswer } from '../../../knowledge/retrieval/decision';
import type { Turn } from '../turn';
import { answerWithEntry, subjectWords } from './procedure';

/** What the note says was asked. */
const ASKED: Record<ScheduleAsked, string> = {
  saturday: 'làm việc thứ Bảy',
  sunday: 'làm việc Chủ nhật',
  weekend: 'làm việc cuối tuần, ngày nghỉ',
  holiday: 'làm việc ngày lễ, Tết',
  hours: 'giờ làm việc',
};

/** Words of the question itself: what is left names the office ("công an phường"). */
const SCHEDULE_WORDS = new Set(
  'thu 7 bay t7 chu nhat cuoi tuan ngay nghi le tet dip lam viec mo dong cua nhan tiep dan truc gio hanh chinh may'.split(
    ' ',
  ),
);

/**
 * The assistant holds no verified working days or hours of any office (after the 2025 merger they
 * are being re-published), so it says so, names the asked day, and where the schedule is published.
 * After an office's contact entry, which already says what is not verified, only the rest.
 */
export function scheduleNote(asked: ScheduleAsked, afterContact = false): string {
  const where =
    'được niêm yết tại trụ sở và trên trang thông tin điện tử của cơ quan; bạn có thể gọi Tổng đài 1022 của tỉnh để hỏi trước khi đến.';
  return afterContact
    ? `Về ${ASKED[asked]}: lịch làm việc và giờ tiếp nhận hồ sơ ${where}`
    : `Về ${ASKED[asked]}: trợ lý chưa có lịch làm việc đã được xác thực của cơ quan này, nên không trả lời chắc chắn để tránh sai. Lịch làm việc và giờ tiếp nhận hồ sơ ${where}`;
}

/**
 * "thứ 7 công an phường có làm việc ko", "giờ làm việc của UBND xã", and a bare "chủ nhật thì sao": a
 * question about an office's working time. The office's contact entry when the message names one the
 * knowledge base knows, then the note for the day asked. Before the topic's own follow-ups: "chủ nhật
 * thì sao" asks about Sunday, not the last procedure's aspect again. False for any other message.
 */
export function answerSchedule(turn: Turn, u: Understanding): boolean {
  if (WHOLE_MESSAGE_INTENTS.has(u.intent) || messageLanguage(u.text.raw) !== 'vi') return false;
  // A day alone, asked again ("chủ nhật thì sao", "còn thứ 7?"), needs no word of working.
  const asked = scheduleAsked(u.text.folded, asksSameAgain(u.text.folded));
  if (!asked) return false;
  const office = subjectWords(u).filter((word) => !SCHEDULE_WORDS.has(word));
  const decision =
    office.length > 0 ? decideAnswer(u.text, turn.deps.kb.search(u.text, { k: DECISION_HITS })) : undefined;
  const contact = decision?.decision === 'answer' && decision.hit.entry.kind === 'faq';
  if (decision?.decision === 'answer') answerWithEntry(turn, decision.hit.entry, 'place');
  turn.say(scheduleNote(asked, contact));
  return true;
}
