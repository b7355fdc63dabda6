import { type PostingsSource, WEIGHT_SCALE, wholeTitleKey } from './bm25f-index';
import { FRAME_WEIGHT, frameMask } from './query-frame';
import { bigram } from './terms';

export interface RankedDoc {
  doc: number;
  score: number;
  /**
   * How much of the message the document accounts for, in [0, 1]: the share of the message's informative
   * syllables (idf-weighted) it contains, discounted when what matched is too little to go on (one
   * common syllable) and when marked syllables matched only by their folded form.
   */
  coverage: number;
}

/** One reading of the message: its folded syllables and the accented ones, aligned. */
export interface QueryTokens {
  folded: readonly string[];
  accented: readonly string[];
}

/** Syllables of a document's titles and aliases, accented and folded, for queries typed with marks. */
export type AccentLookup = (doc: number) => { accented: ReadonlySet<string>; folded: ReadonlySet<string> };

const ACCENT_BONUS = 0.12;
/** Share of coverage lost when every marked syllable matched only by its folded form ("buồn" vs "buôn"). */
const ACCENT_MISMATCH_COVERAGE = 0.5;
/** A title typed in full is the strongest sign of which procedure is meant. */
const WHOLE_TITLE_BONUS = 0.5;
const RERANK_DEPTH = 30;
/** Matched informative idf mass that counts as enough evidence (about two distinctive syllables). */
const STRONG_EVIDENCE = 8;
/** Readings of one message: as typed, with shorthand expanded, in official words. */
const MAX_READINGS = 3;

interface QueryTerm {
  term: string;
  weight: number;
  unigram: boolean;
  /** Bit r set: the term is an informative syllable of reading r (counts towards its coverage). */
  massOf: number;
}

function poolTerms(readings: readonly QueryTokens[]): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  readings.forEach((reading, r) => {
    const folded = reading.folded;
    const frame = frameMask(folded);
    const add = (term: string, isFrame: boolean, unigram: boolean) => {
      const weight = isFrame ? FRAME_WEIGHT : 1;
      // A message of frame words only ("lệ phí bao nhiêu") names no procedure: nothing counts as coverage.
      const bit = unigram && !isFrame ? 1 << r : 0;
      const known = terms.get(term);
      if (known) {
        known.weight = Math.max(known.weight, weight);
        known.massOf |= bit;
      } else terms.set(term, { term, weight, unigram, massOf: bit });
    };
    folded.forEach((t, i) => {
      add(t, frame[i] === true, true);
      const next = folded[i + 1];
      if (next !== undefined) add(bigram(t, next), frame[i] === true && frame[i + 1] === true, false);
    });
  });
  return [...terms.values()];
}

/** Query-time side of the BM25F index: sums precomputed weights, then ranks. */
export class Searcher {
  private readonly scores: Float64Array;
  private readonly seen: Uint8Array;
  private readonly matched: Float64Array[];
  private readonly maxIdf: number;

  constructor(private readonly index: PostingsSource) {
    this.scores = new Float64Array(index.docCount);
    this.seen = new Uint8Array(index.docCount);
    this.matched = Array.from({ length: MAX_READINGS }, () => new Float64Array(index.docCount));
    this.maxIdf = Math.log(1 + (index.docCount + 0.5) / 0.5);
  }

  /**
   * Ranks documents for several readings of the same message (as typed, with shorthand expanded, in
   * official words): their terms are pooled, and coverage is the best that any reading reaches.
   * The first reading is the one whose marks earn the accent bonus.
   */
  search(allReadings: readonly QueryTokens[], k: number, accentOf?: AccentLookup): RankedDoc[] {
    const readings = allReadings.slice(0, MAX_READINGS);
    const terms = poolTerms(readings);
    if (terms.length === 0) return [];
    const totals = readings.map(() => 0);
    const touched: number[] = [];
    const { scores, seen, matched } = this;

    for (const qt of terms) {
      const list = this.index.postings(qt.term);
      const termIdf = list ? (list[0] ?? 0) / WEIGHT_SCALE : this.maxIdf;
      for (let r = 0; r < readings.length; r++) if (qt.massOf & (1 << r)) totals[r] = (totals[r] ?? 0) + termIdf;
      if (!list) continue;
      for (let i = 1; i + 1 < list.length; i += 2) {
        const d = list[i] ?? 0;
        if (seen[d] === 0) {
          seen[d] = 1;
          touched.push(d);
        }
        scores[d] = (scores[d] ?? 0) + (qt.weight * (list[i + 1] ?? 0)) / WEIGHT_SCALE;
        if (qt.massOf === 0) continue;
        for (let r = 0; r < readings.length; r++) {
          const m = matched[r];
          if (m && qt.massOf & (1 << r)) m[d] = (m[d] ?? 0) + termIdf;
        }
      }
    }

    const ranked: RankedDoc[] = touched.map((doc) => {
      let coverage = 0;
      for (let r = 0; r < readings.length; r++) {
        const total = totals[r] ?? 0;
        const mass = matched[r]?.[doc] ?? 0;
        const strength = Math.min(1, mass / STRONG_EVIDENCE);
        if (total > 0) coverage = Math.max(coverage, Math.min(1, mass / total) * strength);
      }
      return { doc, score: scores[doc] ?? 0, coverage };
    });
    for (const d of touched) {
      scores[d] = 0;
      seen[d] = 0;
      for (const m of matched) m[d] = 0;
    }

    const whole = new Set(readings.flatMap((r) => this.index.titleDocs(wholeTitleKey(r.folded)) ?? []));
    if (whole.size > 0) for (const hit of ranked) if (whole.has(hit.doc)) hit.score *= 1 + WHOLE_TITLE_BONUS;
    ranked.sort((a, b) => b.score - a.score || a.doc - b.doc);
    const top = ranked.slice(0, Math.max(k, RERANK_DEPTH));
    const typed = readings[0];
    if (accentOf && typed) this.accentBonus(typed, top, accentOf);
    return top.slice(0, k);
  }

  /**
   * A query typed with marks says more than its folded form: "lệ phí" should prefer a title that reads
   * "lệ phí" over one that folds the same way, and "buồn" is not "buôn". The score bonus is small, so a
   * typo in the marks never buries the right entry; a syllable that matched only by its folded form
   * also counts less towards coverage, which is what "nothing fits" reads.
   */
  private accentBonus(query: QueryTokens, top: RankedDoc[], accentOf: AccentLookup): void {
    const frame = frameMask(query.folded);
    const positions = query.accented.flatMap((t, i) => (t !== query.folded[i] && !frame[i] ? [i] : []));
    if (positions.length === 0) return;
    const marked = positions.map((i) => query.accented[i] ?? '');
    const foldedMarked = positions.map((i) => query.folded[i] ?? '');
    for (const hit of top) {
      const doc = accentOf(hit.doc);
      let found = 0;
      let mismatched = 0;
      marked.forEach((t, i) => {
        if (doc.accented.has(t)) found++;
        else if (doc.folded.has(foldedMarked[i] ?? '')) mismatched++;
      });
      hit.score *= 1 + (ACCENT_BONUS * found) / marked.length;
      hit.coverage *= 1 - (ACCENT_MISMATCH_COVERAGE * mismatched) / marked.length;
    }
    top.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}
