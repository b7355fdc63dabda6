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
