import { messageLanguage } from '../../intents/language';
import { type NormalisedText, normalise } from '../../intents/normalise';
import { contentWords, namesNoProcedure } from '../../intents/vocabulary';
import type { KnowledgeHit } from '../schema';
import { CONFIDENT_COVERAGE, closeHits, isConfidentMatch } from './confidence';
import { entryWords } from './entry-words';
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

/** How many hits the decision reads: the chat and `npm run nlu` search this many. */
export const DECISION_HITS = 5;
/** Hits scoring within this ratio of the best are close enough to ask which one is meant. */
export const CLOSE_RATIO = 0.95;
/** Coverage a hit needs to be offered in a choice when the best one falls short of confident. */
const NEARLY_COVERAGE = 0.45;
/** How many close entries a choice offers at most. */
const MAX_CHOICES = 3;
/**
 * Coverage an entry needs to be answered with outright. Between `CONFIDENT_COVERAGE` and this, the
 * entry may be what is meant but the message says more than it holds (portal questions about a
 * neighbouring licence): the citizen is asked to confirm instead.
 */
export const ANSWER_COVERAGE = 0.9;

const NAME_TOKENS = new WeakMap<KnowledgeHit['entry'], Set<string>>();

/** "1 thành viên" is "một thành viên": small numbers as the titles spell them. */
const NUMBER_WORDS: Readonly<Record<string, string>> = {
  '1': 'mot',
  '2': 'hai',
  '3': 'ba',
  '4': 'bon',
  '5': 'nam',
};
const spelled = (token: string) => NUMBER_WORDS[token] ?? token;
/** Function words: sharing "trên" or "của" with a title tells nothing about which one is meant. */
const FUNCTION_WORDS = new Set(
  'tren duoi trong ngoai cua va voi cho tai o cac nhung la ve theo den tu sang khi bi duoc hoac'.split(' '),
);

/**
 * Folded syllables of an entry's titles: the words it is named by. Aliases are left out: they hold
 * everyday examples ("chuyển đất lúa sang…") that do not set an entry apart from its neighbours.
 */
function nameTokens(entry: KnowledgeHit['entry']): Set<string> {
  let tokens = NAME_TOKENS.get(entry);
  if (!tokens) {
    const names = [entry.title, entry.plainTitle ?? ''].join(' ');
    tokens = new Set(normalise(names).foldedTokens.map(spelled));
    NAME_TOKENS.set(entry, tokens);
  }
  return tokens;
}

/**
 * Close candidates that the message itself tells apart: "trước bạ ô tô" among the "trước bạ" entries,
 * "công ty 1 thành viên" among the company types. When exactly one close candidate answers to a word
 * of the message that no other one does, it is the one meant: no need to ask.
 */
function settleByTypedWords(text: NormalisedText, close: readonly KnowledgeHit[]): KnowledgeHit | undefined {
  const words = text.foldedTokens
    .filter((t) => (!namesNoProcedure([t]) && !FUNCTION_WORDS.has(t)) || /^\d$/u.test(t))
    .map(spelled);
  const names = close.map((hit) => nameTokens(hit.entry));
  // Words of the message that only one candidate answers to.
  const own = names.map((mine, i) =>
    words.filter((w) => mine.has(w) && names.every((other, j) => j === i || !other.has(w))),
  );
  const telling = own.flatMap((list, i) => (list.length > 0 ? [i] : []));
  if (telling.length !== 1) return undefined;
  return close[telling[0] ?? -1];
}

/** Words of a definition question that are the question, not its subject. */
const MEANING_WORDS = new Set('khac nhau gi nghia phan biet dinh the nao hieu'.split(' '));

function answersMeaning(text: NormalisedText, top: KnowledgeHit): boolean {
  if (top.entry.kind !== 'faq') return false;
  const subject = contentWords(text.foldedTokens).filter((w) => !MEANING_WORDS.has(w));
  const names = entryWords(top.entry);
  return subject.length > 0 && subject.filter((w) => names.has(w)).length * 2 >= subject.length;
}

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
  const meaning = asksMeaningOrRule(text);
  // A definition or rule is answered by an FAQ written for it (one that names what is asked about),
  // never by a procedure or an FAQ that merely shares the question's words.
  if (meaning && (!top || !isConfidentMatch(hits) || !answersMeaning(text, top))) {
    return { decision: 'unknown', reason: meaning };
  }
  if (!top) return { decision: 'unknown', reason: 'no_match' };
  if (!isConfidentMatch(hits)) {
    // The best hit holds too little of the message, yet a close runner-up holds enough ("ông tôi mất
    // rồi làm khai tử ở đâu"): the citizen is asked which one, never answered with one.
    const nearly = hits.slice(0, MAX_CHOICES).filter((h) => (h.coverage ?? 1) >= NEARLY_COVERAGE);
    const someFits = nearly.some((h) => (h.coverage ?? 1) >= CONFIDENT_COVERAGE);
    return someFits && nearly.length >= 2
      ? { decision: 'choose', hits: nearly }
      : { decision: 'unknown', reason: 'no_match' };
  }
  const close = closeHits(hits, closeRatio).filter(
    (h, i, all) => all.findIndex((o) => o.title === h.title && o.entry.level === h.entry.level) === i,
  );
  // Curated entries and FAQs were written for citizens' own words; the stricter bar is for the
  // catalogue's long official titles, which share many words with their neighbours.
  const sure = top.entry.kind !== 'procedure' || (top.coverage ?? 1) >= ANSWER_COVERAGE;
  if (close.length < 2 && sure) return { decision: 'answer', hit: top };
  const settled = close.length >= 2 ? settleByTypedWords(text, close) : undefined;
  // Only a curated or FAQ entry is settled this way: its plain title was written to tell it apart;
  // the catalogue's long titles share too many words whose folded forms collide ("bảo vệ", "bao nhiêu").
  if (settled && settled.entry.kind !== 'procedure') return { decision: 'answer', hit: settled };
  if (close.length < 2) {
    const plausible = hits.filter((h) => (h.coverage ?? 1) >= CONFIDENT_COVERAGE).slice(0, MAX_CHOICES);
    return { decision: 'choose', hits: plausible };
  }
  return { decision: 'choose', hits: close.slice(0, MAX_CHOICES) };
}
