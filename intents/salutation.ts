import { foldDiacritics, type NormalisedText, normalise } from './normalise';

/**
 * "Chào ad, cho hỏi làm sổ đỏ cần gì": the contract labels a greeting glued to a question by the
 * question. The opening words are social; this finds where they end so the classifier can also be
 * asked about the rest of the message alone.
 */

/**
 * Words that open a message socially, folded: a salutation must start with one of these. "Cảm ơn" is
 * not one: what follows a thanks is usually its reason ("cảm ơn em đã giải thích tận tình").
 */
const HEADS: readonly (readonly string[])[] = [
  ['xin', 'chao'],
  ['kinh', 'chao'],
  ['chao'],
  ['alo'],
  ['a', 'lo'],
  ['hello'],
  ['helo'],
  ['hi'],
  ['hey'],
  ['da', 'chao'],
  ['admin', 'oi'],
  ['ban', 'oi'],
];

/** Pronouns and particles that may precede the greeting word, folded. */
const BEFORE_HEAD = new Set(['da', 'vang', 'em', 'e', 'chau', 'con', 'toi', 'minh']);

/** Forms of address and particles that may follow the opening word ("chào anh chị ạ"). */
const ADDRESS_WORDS = [
  'bạn',
  'admin',
  'ad',
  'anh',
  'chị',
  'em',
  'cô',
  'chú',
  'bác',
  'ông',
  'bà',
  'cháu',
  'con',
  'mọi',
  'người',
  'cả',
  'nhà',
  'trợ',
  'lý',
  'ảo',
  'bot',
  'chatbot',
  'tổng',
  'đài',
  'ạ',
  'ơi',
  'nhé',
  'nha',
  'à',
  'a',
  'dạ',
  'vâng',
  'nhiều',
  'tôi',
  'xin',
];
const ADDRESS_ACCENTED = new Set(ADDRESS_WORDS);
const ADDRESS_FOLDED = new Set(ADDRESS_WORDS.map(foldDiacritics));

const TOKEN = /[\p{L}\p{N}]+/gu;
const MIN_REMAINING_TOKENS = 2;

/**
 * The message without its opening salutation, or `undefined` when it does not open with one or
 * nothing substantial follows. Token matching is on folded forms; an address word typed with marks
 * must be one of the listed spellings (so "có" is not taken for "cô").
 */
export function withoutLeadingSalutation(text: NormalisedText): NormalisedText | undefined {
  const folded = text.foldedTokens;
  // "Em chào…", "Dạ cháu chào…": a pronoun or a polite particle may come before the greeting.
  let start = 0;
  while (start < 2 && BEFORE_HEAD.has(folded[start] ?? '')) start++;
  const head = HEADS.find((words) => words.every((word, i) => folded[start + i] === word));
  if (!head) return undefined;
  let index = start + head.length;
  while (index < folded.length) {
    const token = text.tokens[index] ?? '';
    const foldedToken = folded[index] ?? '';
    const isAddress =
      ADDRESS_FOLDED.has(foldedToken) && (token === foldedToken || ADDRESS_ACCENTED.has(token));
    if (!isAddress) break;
    index++;
  }
  if (folded.length - index < MIN_REMAINING_TOKENS) return undefined;
  const match = [...text.accented.matchAll(TOKEN)][index];
  if (match?.index === undefined) return undefined;
  return { ...normalise(text.accented.slice(match.index)), raw: text.raw };
}

/**
 * Polite and formal openers: "Đề nghị cho biết…", "Xin hỏi…", "Cho em hỏi…", "Ad ơi…", "Kính gửi quý
 * cơ quan, tôi muốn hỏi…". They are built from a small set of request words, pronouns and forms of
 * address; none of them says what the message is about, so a leading run of them is dropped before
 * the message is classified and searched (not a list of whole phrases: any order of these words).
 * A run counts only when it holds a request or calling word (hỏi, biết, đề nghị, vui lòng, làm ơn,
 * kính, muốn, ơi), so "tôi bị mất căn cước" keeps "tôi" and "xin phép xây dựng" keeps "xin".
 */
const OPENER_REQUEST = ['đề', 'nghị', 'hỏi', 'biết', 'vui', 'lòng', 'làm', 'ơn', 'kính', 'gửi', 'muốn', 'ơi'];
/** Forms of address that are also ordinary words ("lý" in "ly hôn", "nhà", "người") are left out. */
const NOT_OPENERS = new Set([
  'trợ',
  'lý',
  'ảo',
  'tổng',
  'đài',
  'cả',
  'nhà',
  'mọi',
  'người',
  'nhiều',
  'bot',
  'chatbot',
]);
const OPENER_FILLER = [
  ...ADDRESS_WORDS.filter((word) => !NOT_OPENERS.has(word)),
  'quý',
  'cơ',
  'quan',
  'mình',
  'là',
  'về',
  'với',
  'rằng',
  'giúp',
  // "xin", "cho" open a request ("xin hỏi", "cho em hỏi") but also a subject ("xin phép", "cho con"):
  // they are dropped only in a run that also holds a request word.
  'xin',
  'cho',
  'e',
  'ad',
  'vậy',
  'thì',
  'được',
];
const OPENER_REQUEST_ACCENTED = new Set(OPENER_REQUEST);
const OPENER_ACCENTED = new Set([...OPENER_REQUEST, ...OPENER_FILLER]);
const OPENER_FOLDED = new Set([...OPENER_ACCENTED].map(foldDiacritics));
const OPENER_REQUEST_FOLDED = new Set(OPENER_REQUEST.map(foldDiacritics));
/** "làm" opens "làm ơn" only; alone it is the verb of the question ("làm lại căn cước"). */
const NEEDS_NEXT: Readonly<Record<string, string>> = { lam: 'on', vui: 'long', de: 'nghi' };
/** What must follow an opener for it to be one: "xin cảm ơn" is a thanks, not an opener. */
const MIN_REST_TOKENS = 2;

function isOpenerToken(text: NormalisedText, index: number, withMarks: boolean): boolean {
  const token = text.tokens[index] ?? '';
  const folded = text.foldedTokens[index] ?? '';
  if (!OPENER_FOLDED.has(folded)) return false;
  // In a message typed with marks, a word must be one of the listed spellings: "kinh" (kinh doanh)
  // is not "kính", "căn" is not "cần". Only a message typed without any marks matches by folded form.
  if (withMarks ? !OPENER_ACCENTED.has(token) : token !== folded) return false;
  const next = NEEDS_NEXT[folded];
  return next === undefined || text.foldedTokens[index + 1] === next;
}

/**
 * The message without its polite or formal opener, or `undefined` when it has none (or nothing
 * substantial follows it). `raw` stays the message as received.
 */
export function withoutOpener(text: NormalisedText): NormalisedText | undefined {
  let index = 0;
  let requested = false;
  const withMarks = text.tokens.some((token, i) => token !== text.foldedTokens[i]);
  while (index < text.tokens.length && isOpenerToken(text, index, withMarks)) {
    const folded = text.foldedTokens[index] ?? '';
    const token = text.tokens[index] ?? '';
    if (OPENER_REQUEST_FOLDED.has(folded) && (token === folded || OPENER_REQUEST_ACCENTED.has(token)))
      requested = true;
    const pair = NEEDS_NEXT[folded];
    index += pair ? 2 : 1;
  }
  if (!requested || index === 0 || text.tokens.length - index < MIN_REST_TOKENS) return undefined;
  const match = [...text.accented.matchAll(TOKEN)][index];
  if (match?.index === undefined) return undefined;
  return { ...normalise(text.accented.slice(match.index)), raw: text.raw };
}
