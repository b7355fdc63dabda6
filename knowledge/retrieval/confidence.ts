import type { KnowledgeHit } from '../schema';

/**
 * Reading a ranked list the way the chat needs to: is the best hit good enough to answer with, and is
 * it clearly better than the next one, or should the citizen be asked which one is meant?
 */

/** Coverage the best hit needs to be answered with (see `RankedDoc.coverage`). */
export const CONFIDENT_COVERAGE = 0.55;
/** The runner-up is "close" when it scores at least this share of the best hit. */
export const AMBIGUITY_RATIO = 0.9;

/** True when the best hit accounts for enough of the message to answer with it. */
export function isConfidentMatch(hits: readonly KnowledgeHit[]): boolean {
  const top = hits[0];
  if (!top || top.score <= 0) return false;
  return (top.coverage ?? 1) >= CONFIDENT_COVERAGE;
}

/**
 * The hits the citizen should choose from when the best ones are too close to call, best first
 * (empty when the best hit stands out, or when nothing fits at all).
 */
export function closeHits(hits: readonly KnowledgeHit[], ratio = AMBIGUITY_RATIO): KnowledgeHit[] {
  const top = hits[0];
  if (!top || !isConfidentMatch(hits)) return [];
  const close = hits.filter(
    (h) => h.score >= top.score * ratio && (h.coverage ?? 1) >= CONFIDENT_COVERAGE && h.id !== top.id,
  );
  return close.length > 0 ? [top, ...close] : [];
}

/** True when two or more hits are too close to call: ask which one is meant, with quick replies. */
export function isAmbiguous(hits: readonly KnowledgeHit[], ratio = AMBIGUITY_RATIO): boolean {
  return closeHits(hits, ratio).length > 1;
}

/**
 * A short label for a quick reply that tells close hits apart: the plain title, and the level when
 * two hits share a title (the same procedure at province and commune level).
 */
export function hitLabel(hit: KnowledgeHit, among: readonly KnowledgeHit[] = [], max = 80): string {
  const title = hit.entry.plainTitle ?? hit.entry.title;
  const twin = among.some((h) => h.id !== hit.id && (h.entry.plainTitle ?? h.entry.title) === title);
  const label = twin && hit.entry.level ? `${title} (${hit.entry.level})` : title;
  return label.length > max ? `${label.slice(0, max - 1).trimEnd()}…` : label;
}
