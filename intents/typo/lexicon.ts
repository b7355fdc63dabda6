import { foldDiacritics } from '../normalise';
import { isVietnameseSyllable } from './vietnamese-syllable';

/**
 * The syllables the assistant knows (from its training data and the procedure catalogue) with how
 * often each was seen, as typed (accented) and folded. Shipped inside the model for typo correction.
 */
export interface Lexicon {
  readonly accented: SyllableCounts;
  readonly folded: SyllableCounts;
}

/** Syllable → count, as the corrector reads it: a `Map`, or the shipped model's record read in place. */
export interface SyllableCounts {
  has(syllable: string): boolean;
  get(syllable: string): number | undefined;
  entries(): Iterable<[string, number]>;
}

/** accented syllable → count */
export type SerialisedLexicon = Record<string, number>;

export function buildLexicon(tokenLists: Iterable<readonly string[]>): Lexicon {
  const accented = new Map<string, number>();
  for (const tokens of tokenLists) {
    for (const token of tokens) {
      if (/^\p{L}+$/u.test(token)) accented.set(token, (accented.get(token) ?? 0) + 1);
    }
  }
  return withFolded(accented);
}

/**
 * The folded counts are derived on first use: a message typed with its marks never needs them, and
 * folding every known syllable was a few milliseconds of a cold start's first answer (issue 17).
 */
function withFolded(accented: SyllableCounts): Lexicon {
  let folded: Map<string, number> | undefined;
  return {
    accented,
    get folded() {
      if (!folded) {
        folded = new Map<string, number>();
        for (const [token, count] of accented.entries()) {
          const key = foldDiacritics(token);
          folded.set(key, (folded.get(key) ?? 0) + count);
        }
      }
      return folded;
    },
  };
}

export function serialiseLexicon(lexicon: Lexicon): SerialisedLexicon {
  return Object.fromEntries([...lexicon.accented.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The model's record is looked up as it is: copying its ~2,000 entries into a map cost a cold start
 * more than the few lookups a first message makes (issue 17).
 */
export function deserialiseLexicon(data: SerialisedLexicon): Lexicon {
  return withFolded({
    has: (syllable) => Object.hasOwn(data, syllable),
    get: (syllable) => (Object.hasOwn(data, syllable) ? data[syllable] : undefined),
    entries: () => Object.entries(data),
  });
}

const FOLDED_ALPHABET = [...'abcdefghijklmnopqrstuvwxyz'];
const TONES = ['', '\u0300', '\u0301', '\u0303', '\u0309', '\u0323'];
const ACCENTED_ALPHABET = [
  ...new Set([
    ...FOLDED_ALPHABET,
    'đ',
    ...['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'].flatMap((vowel) =>
      TONES.map((tone) => `${vowel}${tone}`.normalize('NFC')),
    ),
  ]),
];

/**
 * Bounds on the corrector's work, so that no message can make it slow (a 2,000-character "word"
 * once took seconds: the edits of a word are many and as long as the word). No Vietnamese syllable
 * has more than 7 letters ("nghiêng"), so one typo makes at most 8 and two glued syllables at most 14
 * (15 with a typo, which the split does not handle anyway). Longer tokens are not words to correct.
 */
export const MAX_EDIT_LETTERS = 8;
export const MAX_SPLIT_LETTERS = 14;
/**
 * Candidate strings one message may generate in all: about five misspelt syllables typed with marks
 * (each up to ~2,200 candidates, accented then folded) or many more without. Beyond it, the remaining
 * tokens stay as typed: an ordinary message has one to three typos.
 */
export const MAX_CANDIDATES_PER_MESSAGE = 10_000;

/** What one message may still spend on corrections; `used` counts candidate strings generated. */
export interface CorrectionBudget {
  readonly limit: number;
  used: number;
}

export function correctionBudget(limit = MAX_CANDIDATES_PER_MESSAGE): CorrectionBudget {
  return { limit, used: 0 };
}

/**
 * All strings at Damerau–Levenshtein distance 1 from `word` over `alphabet`, each one charged to
 * `budget`; stops early when the budget is spent.
 */
function* editsOne(word: string, alphabet: readonly string[], budget: CorrectionBudget): Generator<string> {
  const letters = [...word];
  const fits = () => {
    if (budget.used >= budget.limit) return false;
    budget.used += 1;
    return true;
  };
  for (let i = 0; i <= letters.length; i++) {
    const head = letters.slice(0, i).join('');
    const tail = letters.slice(i).join('');
    const first = letters[i];
    const rest = letters.slice(i + 1).join('');
    if (first !== undefined) {
      if (!fits()) return;
      yield head + rest; // deletion
      const second = letters[i + 1];
      if (second !== undefined) {
        if (!fits()) return;
        yield head + second + first + letters.slice(i + 2).join(''); // transposition
      }
    }
    for (const letter of alphabet) {
      if (first !== undefined) {
        if (!fits()) return;
        yield head + letter + rest; // substitution
      }
      if (!fits()) return;
      yield head + letter + tail; // insertion
    }
  }
}

function mostFrequent(candidates: Iterable<string>, counts: SyllableCounts): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const candidate of candidates) {
    const count = counts.get(candidate) ?? 0;
    if (count > bestCount || (count === bestCount && count > 0 && best !== undefined && candidate < best)) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

/** More than one tone mark, or a tone on a consonant, cannot be one Vietnamese syllable. */
function hasImpossibleMarks(token: string): boolean {
  const tones = token.normalize('NFD').match(/[\u0300\u0301\u0303\u0309\u0323]/gu);
  return (tones?.length ?? 0) > 1;
}

/**
 * Letters only. Three or more is checked on the code-point count instead of in the pattern: V8 compiles
 * `\p{L}{3,}` with three copies of the letter class, milliseconds of a cold start's first message.
 */
const LETTERS_ONLY = /^\p{L}+$/u;

/** Whether a token is a plausible syllable (structure, and at most one tone mark). */
export function isPlausibleSyllable(token: string): boolean {
  return isVietnameseSyllable(foldDiacritics(token)) && !hasImpossibleMarks(token);
}

/**
 * Corrects one token that cannot be a Vietnamese syllable and is not known:
 * - typed with marks ("trrò", "ờli", "cầa"): the most frequent known accented syllable at edit
 *   distance 1 over the accented alphabet, so the marks the citizen typed guide the choice;
 * - typed without marks ("thaanh", "khieeu"): the most frequent known folded syllable at distance 1,
 *   returned without marks (marks the citizen did not type are not invented);
 * - two known syllables typed together ("hoso" → "ho so").
 * A token that is a plausible syllable is never touched, even when unknown, so that a rare but
 * correct word is not bent into a common one. Tokens longer than `MAX_SPLIT_LETTERS` are never
 * touched, and the edits stop when `budget` (the message's, see `prepareText`) is spent.
 * Returns the replacement tokens.
 */
export function correctToken(
  token: string,
  lexicon: Lexicon,
  budget: CorrectionBudget = correctionBudget(),
): string[] | undefined {
  if (token.length > 2 * MAX_SPLIT_LETTERS || !LETTERS_ONLY.test(token)) return undefined;
  const length = [...token].length;
  if (length < 3 || length > MAX_SPLIT_LETTERS) return undefined;
  const folded = foldDiacritics(token);
  const marked = folded !== token;
  if (lexicon.accented.has(token) || (!marked && lexicon.folded.has(folded)) || isPlausibleSyllable(token)) {
    return undefined;
  }

  if (marked && length <= MAX_EDIT_LETTERS) {
    // Letters the citizen typed with marks are the surest part of the word: keep them if possible.
    const candidates = [...editsOne(token, ACCENTED_ALPHABET, budget)].filter((c) => lexicon.accented.has(c));
    const markedLetters = [...token].filter((letter) => foldDiacritics(letter) !== letter);
    const keeping = candidates.filter((c) => markedLetters.every((letter) => c.includes(letter)));
    const best =
      mostFrequent(keeping, lexicon.accented) ??
      mostFrequent(
        candidates.filter((c) => foldDiacritics(c) !== c),
        lexicon.accented,
      );
    if (best !== undefined) return [best];
  }
  if (length <= MAX_EDIT_LETTERS) {
    const best = mostFrequent(editsOne(folded, FOLDED_ALPHABET, budget), lexicon.folded);
    if (best !== undefined) return [best];
  }

  let bestSplit: string[] | undefined;
  let bestSplitScore = 0;
  for (let i = 1; i < folded.length; i++) {
    const parts = [folded.slice(0, i), folded.slice(i)];
    if (!parts.every(isVietnameseSyllable)) continue;
    const score = Math.min(...parts.map((part) => lexicon.folded.get(part) ?? 0));
    if (score >= 2 && score > bestSplitScore) {
      bestSplit = parts;
      bestSplitScore = score;
    }
  }
  return bestSplit;
}
