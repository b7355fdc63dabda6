import { closeHits, isConfidentMatch } from '../../knowledge/retrieval/confidence';
import type { KnowledgeHit } from '../../knowledge/schema';

export type MatchVerdict =
  | { kind: 'none' }
  | { kind: 'confident'; hit: KnowledgeHit }
  | { kind: 'ambiguous'; hits: KnowledgeHit[] };

/**
 * Decides what a ranked list means for the chat: one clear answer, a few close candidates to choose
 * from (asked with quick replies), or nothing that fits. Raw BM25 scores do not separate good from
 * bad across entries, so "fits" is the knowledge base's coverage test; "close" is a score ratio.
 */
export function judgeHits(hits: KnowledgeHit[], closeRatio: number): MatchVerdict {
  const [top] = hits;
  if (!top || !isConfidentMatch(hits)) return { kind: 'none' };
  const close = closeHits(hits, closeRatio).filter(
    (h, i, all) => all.findIndex((o) => o.title === h.title && o.entry.level === h.entry.level) === i,
  );
  if (close.length < 2) return { kind: 'confident', hit: top };
  return { kind: 'ambiguous', hits: close.slice(0, 3) };
}
