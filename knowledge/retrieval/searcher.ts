import { type SerialisedIndex, WEIGHT_SCALE } from './bm25f-index';
import { FRAME_WEIGHT, isFrameTerm } from './query-frame';
import { bigram } from './terms';

export interface RankedDoc {
  doc: number;
  score: number;
  /** Share of the query's informative (idf-weighted) syllables the document contains, in [0, 1]. */
  coverage: number;
}

export interface QueryTokens {
  /** Folded syllables of the query. */
  folded: readonly string[];
  /** Accented syllables, aligned with `folded`. */
  accented: readonly string[];
}

/** Accented syllables of a document's title and aliases, for the bonus to queries typed with marks. */
export type AccentLookup = (doc: number) => ReadonlySet<string>;

const ACCENT_BONUS = 0.12;
const RERANK_DEPTH = 30;

interface QueryTerm {
  term: string;
  weight: number;
  unigram: boolean;
}

function queryTerms(folded: readonly string[]): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  const add = (term: string, unigram: boolean) => {
    const weight = isFrameTerm(term) ? FRAME_WEIGHT : 1;
    const known = terms.get(term);
    if (!known || known.weight < weight) terms.set(term, { term, weight, unigram });
  };
  folded.forEach((t, i) => {
    add(t, true);
    const next = folded[i + 1];
    if (next !== undefined) add(bigram(t, next), false);
  });
  return [...terms.values()];
}

/** Query-time side of the BM25F index: sums precomputed weights, then ranks. */
export class Searcher {
  private readonly scores: Float64Array;
  private readonly matched: Float64Array;
  private readonly maxIdf: number;

  constructor(private readonly index: SerialisedIndex) {
    this.scores = new Float64Array(index.docCount);
    this.matched = new Float64Array(index.docCount);
    this.maxIdf = Math.log(1 + (index.docCount + 0.5) / 0.5);
  }

  private postings(term: string): number[] | undefined {
    return Object.hasOwn(this.index.postings, term) ? this.index.postings[term] : undefined;
  }

  search(query: QueryTokens, k: number, accentOf?: AccentLookup): RankedDoc[] {
    const terms = queryTerms(query.folded);
    if (terms.length === 0) return [];
    const informative = terms.filter((t) => t.unigram && t.weight === 1);
    const massTerms = informative.length > 0 ? informative : terms.filter((t) => t.unigram);
    let totalMass = 0;
    const touched: number[] = [];
    const { scores, matched } = this;

    for (const qt of terms) {
      const list = this.postings(qt.term);
      const inMass = massTerms.includes(qt);
      if (!list) {
        if (inMass) totalMass += this.maxIdf;
        continue;
      }
      const termIdf = (list[0] ?? 0) / WEIGHT_SCALE;
      if (inMass) totalMass += termIdf;
      for (let i = 1; i + 1 < list.length; i += 2) {
        const d = list[i] ?? 0;
        if (scores[d] === 0 && matched[d] === 0) touched.push(d);
        scores[d] = (scores[d] ?? 0) + (qt.weight * (list[i + 1] ?? 0)) / WEIGHT_SCALE;
        if (inMass) matched[d] = (matched[d] ?? 0) + termIdf;
      }
    }

    const ranked: RankedDoc[] = touched.map((doc) => ({
      doc,
      score: scores[doc] ?? 0,
      coverage: totalMass > 0 ? Math.min(1, (matched[doc] ?? 0) / totalMass) : 0,
    }));
    for (const d of touched) {
      scores[d] = 0;
      matched[d] = 0;
    }
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    const top = ranked.slice(0, Math.max(k, RERANK_DEPTH));
    if (accentOf) this.accentBonus(query, top, accentOf);
    return top.slice(0, k);
  }

  /**
   * A query typed with marks says more than its folded form: "lệ phí" should prefer a title that reads
   * "lệ phí" over one that folds the same way. Small, so a typo in the marks never buries the right entry.
   */
  private accentBonus(query: QueryTokens, top: RankedDoc[], accentOf: AccentLookup): void {
    const marked = query.accented.filter((t, i) => t !== query.folded[i] && !isFrameTerm(query.folded[i] ?? ''));
    if (marked.length === 0) return;
    for (const hit of top) {
      const accents = accentOf(hit.doc);
      const found = marked.filter((t) => accents.has(t)).length;
      hit.score *= 1 + (ACCENT_BONUS * found) / marked.length;
    }
    top.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}
