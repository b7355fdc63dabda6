import type { NormalisedText } from '../../intents/normalise';
import { namedWords, questionAfterSequence } from '../../intents/question-focus';
import type { KnowledgeBase } from '../schema';
import { DECISION_HITS, decideAnswer } from './decision';
import { entryWords } from './entry-words';

/**
 * The part of a message the knowledge base is asked about. "báo mất xong thì làm hộ chiếu mới ở đâu"
 * asks about what follows the step done (intents/question-focus.ts) when that part, read alone, is
 * answered with one procedure that answers to two of its words or more: "làm hộ chiếu mới". Otherwise
 * the whole message: "khai sinh xong thì lấy kết quả ở đâu" asks about the step before, since "lấy
 * kết quả ở đâu" names no procedure. The chat (functions/conversation) and `npm run nlu` both read
 * messages through this, so they cannot disagree.
 */
export function askedText(text: NormalisedText, kb: Pick<KnowledgeBase, 'search'>): NormalisedText {
  const asked = questionAfterSequence(text);
  if (!asked) return text;
  const decision = decideAnswer(asked, kb.search(asked, { k: DECISION_HITS }));
  if (decision.decision !== 'answer' || decision.hit.entry.kind === 'faq') return text;
  const names = entryWords(decision.hit.entry);
  return namedWords(asked).filter((word) => names.has(word)).length >= 2 ? asked : text;
}
