/** Both the OA API and the Bot Platform refuse texts longer than this (reference §2, §4). */
export const ZALO_MAX_TEXT = 2000;

/**
 * Splits a text into parts of at most `max` characters (UTF-16 units, which never undercounts what
 * Zalo counts), cutting where a reader expects a pause: a blank line, a line break, the end of a
 * sentence, a space — and only as a last resort inside a word (never inside a surrogate pair).
 */
export function splitText(text: string, max: number = ZALO_MAX_TEXT): string[] {
  if (max < 2) throw new RangeError('max must be at least 2');
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > max) {
    const cut = findCut(rest, max);
    const head = rest.slice(0, cut).trimEnd();
    if (head) parts.push(head);
    rest = rest.slice(cut).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

/** Where to end the next part: an index in (0, max]. */
function findCut(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  // Prefer structure (paragraphs, lines) when it does not leave a part much too short.
  const minStructural = Math.floor(max * 0.4);
  const paragraph = window.lastIndexOf('\n\n');
  if (paragraph >= minStructural) return paragraph;
  const line = window.lastIndexOf('\n');
  if (line >= minStructural) return line;
  const sentence = lastSentenceEnd(window, max);
  if (sentence > 0) return sentence;
  const space = window.search(/\s\S*$/u);
  if (space > 0) return space;
  // One unbroken run longer than max: cut it, but not between the halves of a surrogate pair.
  const code = text.charCodeAt(max - 1);
  return code >= 0xd800 && code <= 0xdbff ? max - 1 : max;
}

/** The index just after the last sentence-ending mark (and closing quotes) followed by a space. */
function lastSentenceEnd(window: string, max: number): number {
  let best = -1;
  for (const m of window.matchAll(/[.!?…]+["”’')\]]*(?=\s)/gu)) {
    const end = (m.index ?? 0) + m[0].length;
    if (end <= max) best = end;
  }
  return best;
}
