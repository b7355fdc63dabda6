import { messageLanguage } from '../../intents/language';
import type { NormalisedText } from '../../intents/normalise';
import type { KnowledgeHit } from '../schema';
import { CONFIDENT_COVERAGE, closeHits, isConfidentMatch } from './confidence';
import { asksMeaningOrRule, type UncoveredTopic, uncoveredTopic } from './uncovered';

/**
 * What the chat does with a ranked list for one message, the `decision` of ../shared/contract/nlu.md:
 * answer with the first entry, ask which of a few close entries is meant, or say honestly that it has
 * no answer. The chat and `npm run nlu` both call `decideAnswer`, so they cannot disagree.
 */
export type Decision = 'answer' | 'choose' | 'unknown';

export type AnswerDecision =
  | { decision: 'answer'; hit: KnowledgeHit }
  | { decision: 'choose'; hits: KnowledgeHit[] }
  | { decision: 'unknown'; reason: UnknownReason; topic?: UncoveredTopic };

/** Why nothing is answered: nothing fits, another language, another authority's matter, a meaning or a rule. */
export type UnknownReason = 'no_match' | 'other_language' | 'other_authority' | 'definition' | 'rule';

/** Hits scoring within this ratio of the best are close enough to ask which one is meant. */
export const CLOSE_RATIO = 0.95;
/** How many close entries a choice offers at most. */
const MAX_CHOICES = 3;
/**
 * Coverage an entry needs to be answered with outright. Between `CONFIDENT_COVERAGE` and this, the
 * entry may be what is meant but the message says more than it holds (portal questions about a
 * neighbouring licence): the citizen is asked to confirm instead.
 */
export const ANSWER_COVERAGE = 0.9;

export function decideAnswer(
  text: NormalisedText,
  hits: readonly KnowledgeHit[],
  closeRatio = CLOSE_RATIO,
): AnswerDecision {
  // Vietnamese search words in an English sentence ("card", "visa") would find a wrong procedure.
  if (messageLanguage(text.raw) !== 'vi') return { decision: 'unknown', reason: 'other_language' };
  const topic = uncoveredTopic(text);
  if (topic) return { decision: 'unknown', reason: 'other_authority', topic };
  const [top] = hits;
  if (!top || !isConfidentMatch(hits)) return { decision: 'unknown', reason: 'no_match' };
  const meaning = asksMeaningOrRule(text);
  // A definition or rule is answered by an FAQ written for it, never by a procedure sharing its words.
  if (meaning && top.entry.kind !== 'faq') {
    return { decision: 'unknown', reason: meaning };
  }
  const close = closeHits(hits, closeRatio).filter(
    (h, i, all) => all.findIndex((o) => o.title === h.title && o.entry.level === h.entry.level) === i,
  );
  // Curated entries and FAQs were written for citizens' own words; the stricter bar is for the
  // catalogue's long official titles, which share many words with their neighbours.
  const sure = top.entry.kind !== 'procedure' || (top.coverage ?? 1) >= ANSWER_COVERAGE;
  if (close.length < 2 && sure) return { decision: 'answer', hit: top };
  if (close.length < 2) {
    const plausible = hits.filter((h) => (h.coverage ?? 1) >= CONFIDENT_COVERAGE).slice(0, MAX_CHOICES);
    return { decision: 'choose', hits: plausible };
  }
  return { decision: 'choose', hits: close.slice(0, MAX_CHOICES) };
}
