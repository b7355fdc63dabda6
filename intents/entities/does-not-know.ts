import type { NormalisedText } from '../normalise';

/**
 * "chưa rõ", "không biết", "ko chắc": the citizen cannot answer the question asked (which part of a
 * split ward is theirs). Folded, so it holds with or without marks; shorthand ("ko", "k") is
 * already expanded by prepareText, the short forms are kept for the raw path.
 */
const DOES_NOT_KNOW = /\b(chua ro|khong ro|chua biet|khong biet|ko biet|k biet|khong chac|chua chac)\b/u;

export function saysDoesNotKnow(text: NormalisedText): boolean {
  return DOES_NOT_KNOW.test(text.folded);
}
