import { foldDiacritics } from '../normalise';
import { isVietnameseSyllable } from './vietnamese-syllable';

/**
 * The syllables the assistant knows (from its training data and the procedure catalogue), by folded
 * form, with how often each was seen and its commonest accented spelling. Shipped inside the model.
 */
export interface Lexicon {
  /** folded syllable → [count, commonest accented form] */
  readonly entries: ReadonlyMap<string, readonly [number, string]>;
}

export type SerialisedLexicon = Record<string, [number, string]>;

export function buildLexicon(tokenLists: Iterable<readonly string[]>): Lexicon {
  const accentedCounts = new Map<string, Map<string, number>>();
  for (const tokens of tokenLists) {
    for (const token of tokens) {
      if (!/^\p{L}+$/u.test(token)) continue;
      const folded = foldDiacritics(token);
      const forms = accentedCounts.get(folded) ?? new Map<string, number>();
      forms.set(token, (forms.get(token) ?? 0) + 1);
      accentedCounts.set(folded, forms);
    }
  }
  const entries = new Map<string, readonly [number, string]>();
  for (const [folded, forms] of accentedCounts) {
    let total = 0;
    let best = folded;
    let bestCount = -1;
    for (const [form, count] of forms) {
      total += count;
      // An accented spelling is preferred over the unmarked one at equal counts.
      const score = form === folded ? count - 0.5 : count;
      if (score > bestCount) {
        best = form;
        bestCount = score;
      }
    }
    entries.set(folded, [total, best]);
  }
  return { entries };
}

export function serialiseLexicon(lexicon: Lexicon, minCount = 1): SerialisedLexicon {
  const out: SerialisedLexicon = {};
  for (const [folded, [count, accented]] of [...lexicon.entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (count >= minCount) out[folded] = [count, accented];
  }
  return out;
}

export function deserialiseLexicon(data: SerialisedLexicon): Lexicon {
  return { entries: new Map(Object.entries(data)) };
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

/** All strings at Damerau–Levenshtein distance 1 from `word` over the folded alphabet. */
function* editsOne(word: string): Generator<string> {
  for (let i = 0; i <= word.length; i++) {
    const head = word.slice(0, i);
    const tail = word.slice(i);
    if (tail.length > 0) yield head + tail.slice(1); // deletion
    if (tail.length > 1) yield head + tail.charAt(1) + tail.charAt(0) + tail.slice(2); // transposition
    for (const letter of ALPHABET) {
      if (tail.length > 0) yield head + letter + tail.slice(1); // substitution
      yield head + letter + tail; // insertion
    }
  }
}

export interface Correction {
  /** Replacement tokens (one, or two when a run-together pair was split). */
  folded: string[];
  accented: string[];
}

/**
 * Corrects one token that cannot be a Vietnamese syllable and is not known: the most frequent known
 * syllable at edit distance 1 ("tucc" → "tuc"), or two known syllables typed together ("hoso" →
 * "ho so"). A token that is a real syllable is never touched, even when unknown, so that a rare but
 * correct word is not bent into a common one.
 */
export function correctToken(token: string, lexicon: Lexicon): Correction | undefined {
  if (!/^\p{L}{3,}$/u.test(token)) return undefined;
  const folded = foldDiacritics(token);
  if (lexicon.entries.has(folded) || isVietnameseSyllable(folded)) return undefined;

  let best: string | undefined;
  let bestCount = 0;
  for (const candidate of editsOne(folded)) {
    const entry = lexicon.entries.get(candidate);
    if (entry && (entry[0] > bestCount || (entry[0] === bestCount && best !== undefined && candidate < best))) {
      best = candidate;
      bestCount = entry[0];
    }
  }
  if (best !== undefined) return { folded: [best], accented: [lexicon.entries.get(best)?.[1] ?? best] };

  let bestSplit: [string, string] | undefined;
  let bestSplitScore = 0;
  for (let i = 1; i < folded.length; i++) {
    const left = folded.slice(0, i);
    const right = folded.slice(i);
    const leftEntry = lexicon.entries.get(left);
    const rightEntry = lexicon.entries.get(right);
    if (!leftEntry || !rightEntry || !isVietnameseSyllable(left) || !isVietnameseSyllable(right)) continue;
    if (leftEntry[0] < 2 || rightEntry[0] < 2) continue;
    const score = Math.min(leftEntry[0], rightEntry[0]);
    if (score > bestSplitScore) {
      bestSplit = [left, right];
      bestSplitScore = score;
    }
  }
  if (!bestSplit) return undefined;
  return {
    folded: bestSplit,
    accented: bestSplit.map((part) => lexicon.entries.get(part)?.[1] ?? part),
  };
}
