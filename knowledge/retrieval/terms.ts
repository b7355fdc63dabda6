import { normalise } from '../../intents/normalise';

/**
 * Retrieval terms are folded syllables (marks removed, đ → d) and adjacent-syllable pairs: most
 * Vietnamese words are two syllables, so the pair "giay phep" carries the word while "giay" and "phep"
 * alone carry little. Folding makes a query typed without marks meet the accented catalogue.
 */

export function foldedTokens(text: string): string[] {
  return normalise(text).foldedTokens;
}

export function bigram(a: string, b: string): string {
  return `${a} ${b}`;
}

/** Unigrams and bigrams of one run of tokens (bigrams never cross from one run to the next). */
export function termsOfRun(tokens: readonly string[]): string[] {
  const terms: string[] = [...tokens];
  for (let i = 0; i + 1 < tokens.length; i++) terms.push(bigram(tokens[i] ?? '', tokens[i + 1] ?? ''));
  return terms;
}

/** Runs split at punctuation that separates phrases, so "Cấp lại; đổi" does not make the pair "lai doi". */
export function runsOf(text: string): string[][] {
  return text
    .split(/[;|•\n]|(?:\s[-–]\s)|[.,:()](?:\s|$)/u)
    .map(foldedTokens)
    .filter((run) => run.length > 0);
}
