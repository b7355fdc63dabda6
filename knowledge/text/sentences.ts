/**
 * Notes are shown whole or not at all: a fee or time note cut mid-sentence can say the opposite of the
 * rule ("miễn lệ phí cho…"). These keep whole sentences (or, failing that, whole clauses) within a
 * budget and say where the rest is.
 */

export const SEE_SOURCE = '(xem đầy đủ tại liên kết)';

function pieces(text: string, boundary: RegExp): string[] {
  return text
    .split(boundary)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function withinBudget(parts: string[], max: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const part of parts) {
    if (used + part.length + 1 > max) break;
    kept.push(part);
    used += part.length + 1;
  }
  return kept;
}

/**
 * The longest run of whole sentences from the start of `text` within `max` characters; clauses when
 * even the first sentence is longer; a pointer to the source when something was left out. Returns
 * `undefined` when not even the first clause fits.
 */
export function wholeSentences(text: string, max: number): string | undefined {
  const result = fitSentences(text, max);
  return result === undefined ? undefined : balanced(result);
}

/** A bracket opened and never closed reads as a cut: the unclosed part is left out. */
function balanced(text: string): string | undefined {
  let out = text;
  while ((out.match(/\(/gu)?.length ?? 0) > (out.match(/\)/gu)?.length ?? 0)) {
    const pointer = out.endsWith(SEE_SOURCE) ? ` ${SEE_SOURCE}` : '';
    const body = pointer ? out.slice(0, -pointer.length) : out;
    const open = body.lastIndexOf('(');
    const kept = body.slice(0, open).replace(/[\s,;:]+$/u, '');
    if (!kept) return undefined;
    out = `${kept}${pointer || ` ${SEE_SOURCE}`}`;
  }
  return out;
}

function fitSentences(text: string, max: number): string | undefined {
  const clean = text.replace(/\s+/gu, ' ').replace(/…$/u, '').trim();
  if (clean.length <= max && !text.trim().endsWith('…')) return clean;
  const budget = max - SEE_SOURCE.length - 1;
  const sentences = withinBudget(pieces(clean, /(?<=[.!?])\s+/u), budget);
  // A sentence of the capped import text that ends in "…" was cut upstream: never show it.
  const complete = sentences.filter((s) => !s.endsWith('…'));
  if (complete.length > 0) return `${complete.join(' ')} ${SEE_SOURCE}`;
  const clauses = withinBudget(pieces(clean, /(?<=[;])\s+/u), budget).filter((s) => !s.endsWith('…'));
  if (clauses.length > 0) return `${clauses.join(' ').replace(/;$/u, '.')} ${SEE_SOURCE}`;
  return undefined;
}
