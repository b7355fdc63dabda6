import { readFileSync } from 'node:fs';
import { type NormalisedText, normalise } from '../intents/normalise';
import { prepareText } from '../intents/prepare-text';
import { type BuildInput, buildKnowledgeBaseFile } from './build/build-knowledge-base';
import { dataPath } from './data-files';
import type { KnowledgeBaseFile } from './knowledge-base-file';
import { type RankedDoc, Searcher } from './retrieval/searcher';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeHit } from './schema';

/** "1.014061" typed in a message names that procedure directly. */
const PROCEDURE_CODE = /(?<![\d.])(\d\.\d{6})(?![\d])/gu;
/** A code hit outranks anything the words found. */
const CODE_HIT_BONUS = 100;

export interface SearchOptions {
  k?: number;
}

/** The knowledge base behind the chat: the built file in memory, searched by BM25F. */
export class LoadedKnowledgeBase implements KnowledgeBase {
  private readonly byId = new Map<string, number>();
  private readonly byCode = new Map<string, number>();
  private readonly searcher: Searcher;
  private readonly accents: (Set<string> | undefined)[];

  constructor(private readonly file: KnowledgeBaseFile) {
    file.entries.forEach((entry, i) => {
      this.byId.set(entry.id, i);
      // A curated entry comes first in the file, so it keeps the code over nothing else competing.
      if (entry.code && !this.byCode.has(entry.code)) this.byCode.set(entry.code, i);
    });
    for (const [from, to] of Object.entries(file.redirects)) {
      const target = this.byId.get(to);
      if (target !== undefined && !this.byId.has(from)) this.byId.set(from, target);
    }
    this.searcher = new Searcher(file.index);
    this.accents = new Array(file.entries.length);
  }

  get size(): number {
    return this.file.entries.length;
  }

  /** Every entry, in index order (curated first). */
  entries(): readonly KnowledgeEntry[] {
    return this.file.entries;
  }

  get(id: string): KnowledgeEntry | undefined {
    const i = this.byId.get(id);
    return i === undefined ? undefined : this.file.entries[i];
  }

  getByCode(code: string): KnowledgeEntry | undefined {
    const i = this.byCode.get(code);
    return i === undefined ? undefined : this.file.entries[i];
  }

  /**
   * Best entries for a message, best first. Pass the NLU's normalised text (shorthand already expanded)
   * when there is one; a plain string goes through the same preparation.
   */
  search(message: string | NormalisedText, options: SearchOptions = {}): KnowledgeHit[] {
    const k = options.k ?? 3;
    const text = typeof message === 'string' ? prepareQuery(message) : message;
    const ranked = this.searcher.search({ folded: text.foldedTokens, accented: text.tokens }, k, (doc) =>
      this.accentsOf(doc),
    );
    const withCodes = this.codeHits(text.raw, ranked);
    return withCodes.slice(0, k).map((r) => this.toHit(r));
  }

  private codeHits(raw: string, ranked: RankedDoc[]): RankedDoc[] {
    const docs = [...raw.matchAll(PROCEDURE_CODE)]
      .map((m) => this.byCode.get(m[1] ?? ''))
      .filter((d): d is number => d !== undefined);
    if (docs.length === 0) return ranked;
    const best = ranked[0]?.score ?? 0;
    const direct = [...new Set(docs)].map((doc) => ({ doc, score: best + CODE_HIT_BONUS, coverage: 1 }));
    return [...direct, ...ranked.filter((r) => !docs.includes(r.doc))];
  }

  private toHit(ranked: RankedDoc): KnowledgeHit {
    const entry = this.file.entries[ranked.doc] as KnowledgeEntry;
    const hit: KnowledgeHit = {
      id: entry.id,
      title: entry.title,
      score: Math.round(ranked.score * 100) / 100,
      coverage: Math.round(ranked.coverage * 100) / 100,
      entry,
    };
    if (entry.code) hit.code = entry.code;
    return hit;
  }

  private accentsOf(doc: number): ReadonlySet<string> {
    let set = this.accents[doc];
    if (!set) {
      const entry = this.file.entries[doc];
      const text = entry ? [entry.title, entry.plainTitle ?? '', ...entry.aliases].join(' . ') : '';
      set = new Set(normalise(text).tokens);
      this.accents[doc] = set;
    }
    return set;
  }
}

/**
 * The chat's own preparation (shorthand expanded: "cccd" → "căn cước công dân"); retrieval works without
 * it too, the expansion only helps messages written in shorthand.
 */
function prepareQuery(message: string): NormalisedText {
  return prepareText(message);
}

/** Builds a knowledge base in memory from catalogue records and curated entries (tests, tools). */
export function createKnowledgeBase(input: BuildInput | KnowledgeBaseFile): LoadedKnowledgeBase {
  const file = 'format' in input ? input : buildKnowledgeBaseFile(input);
  return new LoadedKnowledgeBase(file);
}

/** Reads a built kb.json. Validated when built and by `kb:check`, so the chat's cold start skips zod. */
export function readKnowledgeBaseFile(path = dataPath('knowledgeBase')): KnowledgeBaseFile {
  return JSON.parse(readFileSync(path, 'utf8')) as KnowledgeBaseFile;
}

let singleton: LoadedKnowledgeBase | undefined;

/** The built knowledge base (knowledge/data/kb.json, or KNOWLEDGE_DATA_DIR), loaded once per process. */
export function loadKnowledgeBase(path?: string): LoadedKnowledgeBase {
  if (!singleton) singleton = new LoadedKnowledgeBase(readKnowledgeBaseFile(path));
  return singleton;
}
