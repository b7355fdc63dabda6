import type { KnowledgeHit } from '../../knowledge/schema';

export type MatchVerdict =
  | { kind: 'none' }
  | { kind: 'confident'; hit: KnowledgeHit }
  | { kind: 'ambiguous'; hits: KnowledgeHit[] };

/**
 * Decides what a ranked list means for the chat: one clear answer, a few close candidates to choose
 * from (asked with quick replies), or nothing that fits.
 */
export function judgeHits(hits: KnowledgeHit[], minScore: number, closeRatio = 0.92): MatchVerdict {
  const [top, ...rest] = hits;
  if (!top || top.score < minScore) return { kind: 'none' };
  const close = rest.filter((h) => h.score >= top.score * closeRatio && h.title !== top.title);
  if (close.length === 0) return { kind: 'confident', hit: top };
  return { kind: 'ambiguous', hits: [top, ...close].slice(0, 3) };
}
