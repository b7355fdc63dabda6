import { termsOfRun } from './terms';
import { titleActionTerms } from './title-actions';

/**
 * BM25F over folded syllable unigrams and bigrams. Each field has its own weight and length
 * normalisation; the per-(term, document) weight is computed here, at build time, so a query only adds
 * up precomputed numbers. Weights are stored as integers (×1000) to keep the JSON small and exact.
 */

export const FIELDS = ['title', 'aliases', 'meta', 'body'] as const;
export type FieldName = (typeof FIELDS)[number];

export interface FieldSpec {
  weight: number;
  /** Length normalisation (0 = none, 1 = full). */
  b: number;
}

export interface IndexParams {
  k1: number;
  fields: Record<FieldName, FieldSpec>;
}

/**
 * Title ≫ aliases ≫ field/summary ≫ body, as people name a procedure by its title or a phrasing of it;
 * aliases are many short phrasings, so their length matters little.
 */
export const DEFAULT_PARAMS: IndexParams = {
  k1: 1.2,
  fields: {
    title: { weight: 3, b: 0.6 },
    aliases: { weight: 2.2, b: 0.2 },
    meta: { weight: 0.8, b: 0.5 },
    body: { weight: 0.3, b: 0.75 },
  },
};

/** A document to index: for each field, runs of folded tokens (bigrams stay inside a run). */
export type IndexDocument = Record<FieldName, string[][]> & {
  /** Folded token sequences of the titles, matched whole. */
  titleKeys: string[];
};

export interface SerialisedIndex {
  docCount: number;
  /** term → [idf×1000, doc, weight×1000, doc, weight×1000, …], docs ascending. */
  postings: Record<string, number[]>;
  /** Whole folded title or alias ("cap lai the can cuoc") → documents, for a name typed in full. */
  titles: Record<string, number[]>;
}

/** One term's postings, decoded for the query loop: documents ascending, weights aligned. */
export interface TermPostings {
  idf: number;
  docs: Int32Array;
  weights: Float32Array;
}

/** From the stored form [idf×1000, doc, weight×1000, …] to typed arrays. */
export function toTermPostings(list: readonly number[]): TermPostings {
  const n = (list.length - 1) >> 1;
  const docs = new Int32Array(n);
  const weights = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    docs[i] = list[1 + 2 * i] ?? 0;
    weights[i] = (list[2 + 2 * i] ?? 0) / POSTING_SCALE;
  }
  return { idf: (list[0] ?? 0) / POSTING_SCALE, docs, weights };
}

/** Where a query reads postings from: the in-memory index, or a file decoded term by term. */
export interface PostingsSource {
  readonly docCount: number;
  postings(term: string): TermPostings | undefined;
  titleDocs(key: string): Iterable<number> | undefined;
}

export function wholeTitleKey(tokens: readonly string[]): string {
  return tokens.join(' ');
}

export function inMemoryPostings(index: SerialisedIndex): PostingsSource {
  const decoded = new Map<string, TermPostings>();
  return {
    docCount: index.docCount,
    postings: (term) => {
      let found = decoded.get(term);
      if (!found && Object.hasOwn(index.postings, term)) {
        found = toTermPostings(index.postings[term] ?? []);
        decoded.set(term, found);
      }
      return found;
    },
    titleDocs: (key) => (Object.hasOwn(index.titles, key) ? index.titles[key] : undefined),
  };
}

/** Stored idf and weights are integers: the value × this. */
export const POSTING_SCALE = 1000;

function idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

export function buildIndex(docs: IndexDocument[], params: IndexParams = DEFAULT_PARAMS): SerialisedIndex {
  const docCount = docs.length;
  const lengths = docs.map((doc) =>
    Object.fromEntries(FIELDS.map((f) => [f, doc[f].reduce((n, run) => n + run.length, 0)])),
  ) as Record<FieldName, number>[];
  const avg = Object.fromEntries(
    FIELDS.map((f) => [f, Math.max(1, lengths.reduce((n, l) => n + l[f], 0) / Math.max(1, docCount))]),
  ) as Record<FieldName, number>;

  // term → doc → field-weighted, length-normalised frequency
  const freq = new Map<string, Map<number, number>>();
  docs.forEach((doc, d) => {
    const length = lengths[d];
    if (!length) return;
    for (const field of FIELDS) {
      const spec = params.fields[field];
      const norm = 1 - spec.b + spec.b * (length[field] / avg[field]);
      const counts = new Map<string, number>();
      for (const run of doc[field]) for (const t of termsOfRun(run)) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const [term, tf] of counts) {
        let byDoc = freq.get(term);
        if (!byDoc) {
          byDoc = new Map();
          freq.set(term, byDoc);
        }
        byDoc.set(d, (byDoc.get(d) ?? 0) + (spec.weight * tf) / norm);
      }
    }
    // Markers, not words: no query term reaches them; the searcher reads them for the title-action rule.
    for (const marker of titleActionTerms(doc.title)) {
      const byDoc = freq.get(marker) ?? new Map<number, number>();
      byDoc.set(d, 1);
      freq.set(marker, byDoc);
    }
  });

  const postings: Record<string, number[]> = {};
  for (const term of [...freq.keys()].sort()) {
    const byDoc = freq.get(term);
    if (!byDoc) continue;
    const termIdf = idf(docCount, byDoc.size);
    const list = [Math.round(termIdf * POSTING_SCALE)];
    for (const d of [...byDoc.keys()].sort((a, b) => a - b)) {
      const tf = byDoc.get(d) ?? 0;
      const w = (termIdf * tf * (params.k1 + 1)) / (tf + params.k1);
      list.push(d, Math.max(1, Math.round(w * POSTING_SCALE)));
    }
    postings[term] = list;
  }
  const titles: Record<string, number[]> = {};
  docs.forEach((doc, d) => {
    // An alias is a name too: typed in full, or inside a longer message, it says which entry is meant.
    const aliasKeys = doc.aliases.filter((run) => run.length >= 2).map(wholeTitleKey);
    for (const key of new Set([...doc.titleKeys, ...aliasKeys])) {
      if (!key) continue;
      if (!Object.hasOwn(titles, key)) titles[key] = [];
      titles[key]?.push(d);
    }
  });
  return { docCount, postings, titles };
}
