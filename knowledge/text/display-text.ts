/**
 * Text that a citizen reads keeps its case, so it cannot go through `canonicalAccented` (which lower-cases).
 * This applies the same canonical form to display text: NFC and the first-vowel tone placement for the
 * syllable-final oa/oe/uy pairs (hòa, khỏe, thủy), exactly as intents/normalise.ts does for lower-case text.
 */

const TONE_MARKS = '\u0300\u0301\u0303\u0309\u0323'; // grave, acute, tilde, hook above, dot below
const SECOND_VOWEL_TONE = new RegExp(
  `(?<![qQ])([oOuU])([aAeEyY])([${TONE_MARKS}])(?![\\p{L}\\u0300-\\u036f])`,
  'gu',
);

function isToneDiphthong(first: string, second: string): boolean {
  const v1 = first.toLowerCase();
  const v2 = second.toLowerCase();
  return (v1 === 'o' && (v2 === 'a' || v2 === 'e')) || (v1 === 'u' && v2 === 'y');
}

/** NFC + canonical tone placement, case preserved. */
export function canonicalText(input: string): string {
  return input
    .normalize('NFD')
    .replace(SECOND_VOWEL_TONE, (whole, v1: string, v2: string, tone: string) =>
      isToneDiphthong(v1, v2) ? `${v1}${tone}${v2}` : whole,
    )
    .normalize('NFC');
}

/** Canonical text with blanks tidied: single spaces inside lines, no blank-line runs, trimmed. */
export function cleanText(input: string): string {
  return canonicalText(input)
    .replace(/\r\n?/gu, '\n')
    .replace(/[ \t\u00a0\u200b]+/gu, ' ')
    .replace(/ ?\n ?/gu, '\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

/** Canonical text on one line. */
export function cleanLine(input: string): string {
  return canonicalText(input).replace(/\s+/gu, ' ').trim();
}

/** The portal's page widgets ("Từ khóa…Mô tả…") that the scraper glued to the end of some fields. */
export function stripPortalWidgets(text: string): string {
  const at = text.search(/Từ khóa(?:Không có thông tin|\s*$)/u);
  return at >= 0 ? text.slice(0, at) : text;
}

/** The catalogue writes "Không có thông tin" (no information) into empty cells. */
export function isNoInformation(text: string | undefined): boolean {
  if (text === undefined) return true;
  const t = cleanLine(text)
    .replace(/[.\s]+$/u, '')
    .toLowerCase();
  return t === '' || t === 'không có thông tin' || t === 'không có' || t === 'không' || t === '--';
}

/** Cuts at a word boundary before `max` characters and marks the cut with "…". */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${base.replace(/[\s,;:.\-–(]+$/u, '')}…`;
}
