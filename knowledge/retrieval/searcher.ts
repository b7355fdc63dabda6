import { type PostingsSource, type TermPostings, wholeTitleKey } from './bm25f-index';
import { FRAME_WEIGHT, frameMask } from './query-frame';
import { bigram } from './terms';
import { titleActionsSaid } from './title-actions';

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
/**
 * Share of score lost by an entry whose title carries an action the message does not say ("Xóa đăng ký
 * thường trú" for "đăng ký thường trú cần giấy tờ gì"): enough to put the plain sibling first when the
 * two score about level, too little to bury an entry the message matches much better.
 */
export const TITLE_ACTION_PENALTY = 0.15;
/**
 * A name of an entry (title or alias, two syllables or more) said word for word inside a longer message
 * ("dạ cho em hỏi cccd hết hạn đổi ở đâu") is strong evidence; longer names say more.
 */
export const NAME_IN_MESSAGE_BONUS = 0.25;
/** Syllables of a name said in the message at which the bonus is full. */
const FULL_NAME_SYLLABLES = 4;
/** Longest name looked for inside a message, in syllables. */
const LONGEST_NAME = 12;
/** Candidates kept for the finer steps (accent bonus, coverage). */
const RERANK_DEPTH = 30;
/** Matched informative idf mass that counts as enough evidence (about two distinctive syllables). */
const STRONG_EVIDENCE = 8;

interface QueryTerm {
  term: string;
  weight: number;
  /** Bit r set: the term is an informative syllable of reading r (counts towards its coverage). */
  massOf: number;
}

function poolTerms(readings: readonly QueryTokens[]): QueryTerm[] {
  const terms = new Map<string, QueryTerm>();
  readings.forEach((reading, r) => {
    const folded = reading.folded;
    const frame = frameMask(folded);
    const add = (term: string, isFrame: boolean, massBit: number) => {
      const weight = isFrame ? FRAME_WEIGHT : 1;
      const known = terms.get(term);
      if (known) {
        known.weight = Math.max(known.weight, weight);
        known.massOf |= massBit;
      } else terms.set(term, { term, weight, massOf: massBit });
    };
    folded.forEach((t, i) => {
      // A message of frame words only ("lệ phí bao nhiêu") names no procedure: nothing counts as coverage.
      add(t, frame[i] === true, frame[i] ? 0 : 1 << r);
      const next = folded[i + 1];
      if (next !== undefined) add(bigram(t, next), frame[i] === true && frame[i + 1] === true, 0);
    });
  });
  return [...terms.values()];
}

function contains(sorted: Int32Array, doc: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = sorted[mid] ?? 0;
    if (value === doc) return true;
    if (value < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** Query-time side of the BM25F index: sums precomputed weights, then ranks the best few finely. */
export class Searcher {
  private readonly scores: Float64Array;
  private readonly seen: Uint8Array;
  /** Documents touched by the current query (reused between queries: no garbage in the hot loop). */
  private readonly touched: Int32Array;
  private readonly maxIdf: number;

  constructor(private readonly index: PostingsSource) {
    this.scores = new Float64Array(index.docCount);
    this.seen = new Uint8Array(index.docCount);
    this.touched = new Int32Array(index.docCount);
    this.maxIdf = Math.log(1 + (index.docCount + 0.5) / 0.5);
  }

  /**
   * Ranks documents for several readings of the same message (as typed, with shorthand expanded, in
   * official words): their terms are pooled, and coverage is the best that any reading reaches.
   * The first reading is the one whose marks earn the accent bonus.
   */
  search(readings: readonly QueryTokens[], k: number, accentOf?: AccentLookup): RankedDoc[] {
    const terms = poolTerms(readings.slice(0, 31));
    if (terms.length === 0) return [];
    const postings = terms.map((t) => this.index.postings(t.term));
    const { scores, seen, touched } = this;
    let touchedCount = 0;

    for (let t = 0; t < terms.length; t++) {
      const list = postings[t];
      if (!list) continue;
      const weight = terms[t]?.weight ?? 0;
      const { docs, weights } = list;
      for (let i = 0; i < docs.length; i++) {
        const d = docs[i] as number;
        if (seen[d] === 0) {
          seen[d] = 1;
          touched[touchedCount++] = d;
        }
        scores[d] = (scores[d] as number) + weight * (weights[i] as number);
      }
    }
    for (const reading of readings) {
      for (const d of this.index.titleDocs(wholeTitleKey(reading.folded)) ?? []) {
        if (seen[d]) scores[d] = (scores[d] as number) * (1 + WHOLE_TITLE_BONUS);
      }
    }

    const depth = Math.max(k, RERANK_DEPTH);
    const top: RankedDoc[] = [];
    for (let n = 0; n < touchedCount; n++) {
      const d = touched[n] as number;
      const score = scores[d] as number;
      scores[d] = 0;
      seen[d] = 0;
      if (top.length === depth && score <= (top[depth - 1]?.score ?? 0)) continue;
      let at = top.length;
      while (
        at > 0 &&
        ((top[at - 1]?.score ?? 0) < score || (top[at - 1]?.score === score && (top[at - 1]?.doc ?? 0) > d))
      )
        at--;
      top.splice(at, 0, { doc: d, score, coverage: 0 });
      if (top.length > depth) top.pop();
    }

    this.nameInMessageBonus(readings, top);
    this.coverage(readings, terms, postings, top);
    const typed = readings[0];
    if (accentOf && typed) this.accentBonus(typed, top, accentOf);
    this.titleActionPenalty(terms, top);
    return top.slice(0, k);
  }

  /** Coverage of the few candidates, by looking each one up in the informative terms' postings. */
  private coverage(
    readings: readonly QueryTokens[],
    terms: readonly QueryTerm[],
    postings: readonly (TermPostings | undefined)[],
    top: RankedDoc[],
  ): void {
    for (let r = 0; r < readings.length; r++) {
      const bit = 1 << r;
      let total = 0;
      const mass: { idf: number; list: TermPostings | undefined }[] = [];
      terms.forEach((qt, t) => {
        if (!(qt.massOf & bit)) return;
        const list = postings[t];
        const idf = list ? list.idf : this.maxIdf;
        total += idf;
        mass.push({ idf, list });
      });
      if (total <= 0) continue;
      for (const hit of top) {
        let matched = 0;
        for (const m of mass) if (m.list && contains(m.list.docs, hit.doc)) matched += m.idf;
        const strength = Math.min(1, matched / STRONG_EVIDENCE);
        hit.coverage = Math.max(hit.coverage, Math.min(1, matched / total) * strength);
      }
    }
  }

  /** Raises candidates one of whose names the message says word for word (see NAME_IN_MESSAGE_BONUS). */
  private nameInMessageBonus(readings: readonly QueryTokens[], top: RankedDoc[]): void {
    if (top.length === 0) return;
    const longest = new Map<number, number>();
    for (const { folded } of readings) {
      const frame = frameMask(folded);
      for (let i = 0; i < folded.length; i++) {
        // Names worth the bonus start or end with a word that names something, not a question word.
        const startsInformative = frame[i] !== true;
        for (let len = 2; len <= LONGEST_NAME && i + len <= folded.length; len++) {
          if (!startsInformative && frame[i + len - 1] === true) continue;
          const docs = this.index.titleDocs(wholeTitleKey(folded.slice(i, i + len)));
          if (!docs) continue;
          for (const d of docs) if ((longest.get(d) ?? 0) < len) longest.set(d, len);
        }
      }
    }
    if (longest.size === 0) return;
    let changed = false;
    for (const hit of top) {
      const len = longest.get(hit.doc);
      if (len === undefined) continue;
      hit.score *=
        1 + (NAME_IN_MESSAGE_BONUS * Math.min(len - 1, FULL_NAME_SYLLABLES - 1)) / (FULL_NAME_SYLLABLES - 1);
      changed = true;
    }
    if (changed) top.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }

  /**
   * Ranks an entry whose title names actions the message says none of below its plain siblings. A title
   * with several ("Cấp lại, đổi, điều chỉnh thông tin thẻ BHYT") is spared when the message says any.
   */
  private titleActionPenalty(terms: readonly QueryTerm[], top: RankedDoc[]): void {
    if (top.length < 2) return;
    const actions = titleActionsSaid(new Set(terms.map((t) => t.term)));
    if (actions.every((a) => a.said)) return;
    const spared = new Set<RankedDoc>();
    const marked = new Set<RankedDoc>();
    for (const action of actions) {
      const list = this.index.postings(action.term);
      if (!list) continue;
      for (const hit of top) {
        if (!contains(list.docs, hit.doc)) continue;
        marked.add(hit);
        if (action.said) spared.add(hit);
      }
    }
    let changed = false;
    for (const hit of marked) {
      if (spared.has(hit)) continue;
      hit.score *= 1 - TITLE_ACTION_PENALTY;
      changed = true;
    }
    if (changed) top.sort((a, b) => b.score - a.score || a.doc - b.doc);
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
    for (const hit of top) {
      const doc = accentOf(hit.doc);
      let found = 0;
      let mismatched = 0;
      for (const i of positions) {
        if (doc.accented.has(query.accented[i] ?? '')) found++;
        else if (doc.folded.has(query.folded[i] ?? '')) mismatched++;
      }
      hit.score *= 1 + (ACCENT_BONUS * found) / positions.length;
      hit.coverage *= 1 - (ACCENT_MISMATCH_COVERAGE * mismatched) / positions.length;
    }
    top.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}
