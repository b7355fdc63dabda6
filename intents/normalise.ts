/**
 * The one Vietnamese text normaliser. Training, the classifier, the entity extractors and the
 * knowledge base all go through here, so that "hoà"/"hòa", NFD/NFC and upper/lower case can never
 * produce different features in different places.
 */

const TONE = '[\u0300\u0301\u0303\u0309\u0323]'; // grave, acute, tilde, hook above, dot below
const NOT_LETTER_AFTER = '(?![\\p{L}\\u0300-\\u036f])';
/**
 * "hoà"/"hòa", "khoẻ"/"khỏe", "thuỷ"/"thủy": both tone placements are in everyday use. The project
 * keeps one, the first-vowel style (hòa, khỏe, thủy), as the design asks. Only a syllable-final pair
 * differs between the styles ("hoàng", "thuyết" are written alike), and "qu" is a consonant, so
 * "quý" is never touched.
 */
const SECOND_VOWEL_TONE = new RegExp(`(?<!q)([ou])([aey])(${TONE})${NOT_LETTER_AFTER}`, 'gu');

/** Canonical accented form: NFC, first-vowel tone placement for oa/oe/uy, lower case, single spaces. */
export function canonicalAccented(input: string): string {
  const nfd = input.normalize('NFD').toLowerCase();
  const fixed = nfd.replace(SECOND_VOWEL_TONE, (whole, v1: string, v2: string, tone: string) => {
    // Only the real diphthongs: oa, oe, uy.
    if ((v1 === 'o' && (v2 === 'a' || v2 === 'e')) || (v1 === 'u' && v2 === 'y')) return `${v1}${tone}${v2}`;
    return whole;
  });
  return fixed.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

const ASCII_ONLY = /^[ -~]*$/u;

/** Marks removed and đ → d: what a citizen typing without diacritics produces. */
export function foldDiacritics(input: string): string {
  // Printable ASCII has nothing to fold; most unmarked chat tokens take this path.
  if (ASCII_ONLY.test(input)) return input;
  return input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .normalize('NFC');
}

/**
 * Splits into syllable tokens: letters and digits runs; keeps codes such as "h43.25-241008-0012"
 * out (entity extraction reads the raw text for those).
 */
export function syllables(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+/gu) ?? [];
}

export interface NormalisedText {
  /** The message as received, untouched. */
  raw: string;
  /** NFC, new tone placement, lower case. */
  accented: string;
  /** `accented` without marks (đ → d). */
  folded: string;
  /** Syllable tokens of `accented`. */
  tokens: string[];
  /** Syllable tokens of `folded`, aligned with `tokens`. */
  foldedTokens: string[];
}

export function normalise(raw: string): NormalisedText {
  const accented = canonicalAccented(raw);
  const folded = foldDiacritics(accented);
  const tokens = syllables(accented);
  return { raw, accented, folded, tokens, foldedTokens: tokens.map(foldDiacritics) };
}

/** Between the texts of `syllablesOfMany`: not a letter, digit or space, and untouched by every step. */
const TEXT_SEPARATOR = '\u0001';

/**
 * The syllables of many short texts (`normalise(text).tokens` and `.foldedTokens` of each), from
 * one pass of each step over all of them: the phrase and place tables built at import normalised
 * their few hundred entries one by one, a few milliseconds of every cold start (issue 17).
 */
export function syllablesOfMany(texts: readonly string[]): { tokens: string[]; foldedTokens: string[] }[] {
  const accented = canonicalAccented(texts.join(TEXT_SEPARATOR)).split(TEXT_SEPARATOR);
  if (accented.length !== texts.length) {
    // A text held the separator: one by one.
    return texts.map((text) => {
      const { tokens, foldedTokens } = normalise(text);
      return { tokens, foldedTokens };
    });
  }
  const folded = foldDiacritics(accented.join(TEXT_SEPARATOR)).split(TEXT_SEPARATOR);
  return accented.map((text, i) => {
    const tokens = syllables(text);
    const foldedTokens = syllables(folded[i] ?? '');
    // Folding never splits or joins a syllable of NFC text; should a stray mark do it, fold one by one.
    return {
      tokens,
      foldedTokens: foldedTokens.length === tokens.length ? foldedTokens : tokens.map(foldDiacritics),
    };
  });
}
