import { foldedOutsideAspectCues } from '../../intents/entities/aspect';
import type { NormalisedText } from '../../intents/normalise';
import { questionAfterSequence } from '../../intents/question-focus';
import { titleNamingWords } from '../../intents/vocabulary';
import type { KnowledgeBase } from '../schema';
import { DECISION_HITS, decideAnswer } from './decision';
import { entryWords } from './entry-words';
import { frameMask } from './query-frame';

/** Words any procedure's question may hold: they name none ("có phải làm thủ tục thay đổi đăng ký"). */
const GENERIC = new Set('lam thay doi dang ky cap lai xin nop lay dong thu tuc giay to'.split(' '));

/**
 * What a part of a message names: its words outside aspect cues, question frames, function words and
 * the verbs every procedure shares ("đổi hộ khẩu thế nào" → hộ, khẩu; "lấy kết quả ở đâu" → none).
 */
export function namedWords(text: NormalisedText): string[] {
  const outside = foldedOutsideAspectCues(text);
  const frame = frameMask(outside);
  return titleNamingWords(outside.filter((word, i) => !frame[i] && !GENERIC.has(word)));
}

/**
 * The part of a message the knowledge base is asked about. "báo mất xong thì làm hộ chiếu mới ở đâu"
 * asks about what follows the step done (intents/question-focus.ts) when that part, read alone, is
 * answered with one procedure that answers to two of the words it names or more: "làm hộ chiếu mới".
 * Otherwise the whole message: "khai sinh xong thì lấy kết quả ở đâu" asks about the step before, and
 * "… sau khi sáp nhập tỉnh thì có phải làm thủ tục thay đổi đăng ký không" names nothing after it.
 * The chat (functions/conversation) and `npm run nlu` both read messages through this.
 */
export function askedText(text: NormalisedText, kb: Pick<KnowledgeBase, 'search'>): NormalisedText {
  const asked = questionAfterSequence(text);
  if (!asked) return text;
  const named = namedWords(asked);
  if (named.length < 2) return text;
  const decision = decideAnswer(asked, kb.search(asked, { k: DECISION_HITS }));
  if (decision.decision !== 'answer' || decision.hit.entry.kind === 'faq') return text;
  const names = entryWords(decision.hit.entry);
  return named.filter((word) => names.has(word)).length >= 2 ? asked : text;
}
