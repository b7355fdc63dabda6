import { type NormalisedText, normalise } from '../intents/normalise';
import { prepareText } from '../intents/prepare-text';
import { type BuildInput, buildKnowledgeBaseData } from './build/build-knowledge-base';
import { dataPath } from './data-files';
import { type OpenedKnowledgeBase, openInMemory, openSerialised } from './knowledge-base-file';
import { type AgeRange, ageContradicts, entryAgeRange, statedAge } from './retrieval/age-fit';
import { officialReading } from './retrieval/citizen-words';
import { frameMask } from './retrieval/query-frame';
import { type QueryTokens, type RankedDoc, Searcher } from './retrieval/searcher';
import type { KnowledgeBase, KnowledgeEntry, KnowledgeHit } from './schema';

/** "1.014061" typed in a message names that procedure directly. */
const PROCEDURE_CODE = /(?<![\d.])(\d\.\d{6})(?!\d)/gu;
/** A code hit outranks anything the words found. */
const CODE_HIT_BONUS = 100;
/**
 * Share of score kept by an entry whose title is for another age than the message states ("… từ đủ
 * 14 tuổi trở lên" for "làm căn cước cho con 10 tuổi"): enough to put the sibling for that age first.
 */
const OTHER_AGE_SCORE = 0.5;

export interface SearchOptions {
  k?: number;
}

/** The knowledge base behind the chat: the built entries and their BM25F index. */
export class LoadedKnowledgeBase implements KnowledgeBase {
  private readonly searcher: Searcher;
  private readonly accents: ({ accented: Set<string>; folded: Set<string> } | undefined)[];
  private readonly phrases: (string[][] | undefined)[];
  /** The age range each entry's titles name (null: none), on first use. */
  private readonly ageRanges: (AgeRange | null | undefined)[];

  constructor(private readonly kb: OpenedKnowledgeBase) {
    this.searcher = new Searcher(kb.postings);
    this.accents = new Array(kb.count);
    this.phrases = new Array(kb.count);
    this.ageRanges = new Array(kb.count);
  }

  get size(): number {
    return this.kb.count;
  }

  /** Hash of the inputs this base was built from. */
  get inputHash(): string {
    return this.kb.inputHash;
  }

  /** Every entry, in index order (curated first). Decodes them all: for tools, not for the chat. */
  entries(): KnowledgeEntry[] {
    return Array.from({ length: this.kb.count }, (_, doc) => this.kb.entry(doc));
  }

  get(id: string): KnowledgeEntry | undefined {
    const doc = this.kb.docOfId(id);
    return doc === undefined ? undefined : this.kb.entry(doc);
  }

  getByCode(code: string): KnowledgeEntry | undefined {
    const doc = this.kb.docOfCode(code);
    return doc === undefined ? undefined : this.kb.entry(doc);
  }

  /**
   * Best entries for a message, best first. Pass the NLU's normalised text (shorthand already expanded)
   * when there is one; a plain string goes through the same preparation.
   */
  search(message: string | NormalisedText, options: SearchOptions = {}): KnowledgeHit[] {
    const k = options.k ?? 3;
    const prepared = typeof message === 'string' ? prepareText(message) : message;
    // The message as typed keeps what the preparation may change ("BHYT" in a title, "loại III").
    const asTyped = normalise(prepared.raw);
    const codeParts = new Set(
      [...prepared.raw.matchAll(PROCEDURE_CODE)].flatMap((m) => (m[1] ?? '').split('.')),
    );
    const readings = [asTyped, prepared]
      .filter((t, i) => i === 0 || t.folded !== asTyped.folded)
      .map((t) => withoutCodes({ folded: t.foldedTokens, accented: t.tokens }, codeParts));
    const official = officialReading(prepared.foldedTokens);
    if (official) readings.push({ folded: official, accented: official });
    const ranked = this.forStatedAge(
      prepared.foldedTokens,
      this.searcher.search(readings, k, (doc) => this.accentsOf(doc)),
    );
    const said = new Set(readings.flatMap((r) => r.folded));
    return this.withCodeHits(prepared.raw, ranked)
      .slice(0, k)
      .map((r) => this.toHit({ ...r, coverage: Math.max(r.coverage, this.phraseCoverage(r.doc, said)) }));
  }

  /** Entries for another age than the message states rank below those for it (see OTHER_AGE_SCORE). */
  private forStatedAge(folded: readonly string[], ranked: RankedDoc[]): RankedDoc[] {
    const age = statedAge(folded);
    if (age === undefined) return ranked;
    let changed = false;
    for (const hit of ranked) {
      const range = this.ageRangeOf(hit.doc);
      if (range && ageContradicts(age, range)) {
        hit.score *= OTHER_AGE_SCORE;
        changed = true;
      }
    }
    return changed ? ranked.sort((a, b) => b.score - a.score || a.doc - b.doc) : ranked;
  }

  private ageRangeOf(doc: number): AgeRange | undefined {
    let range = this.ageRanges[doc];
    if (range === undefined) {
      range = entryAgeRange(this.kb.entry(doc)) ?? null;
      this.ageRanges[doc] = range;
    }
    return range ?? undefined;
  }

  private withCodeHits(raw: string, ranked: RankedDoc[]): RankedDoc[] {
    const codes = [...raw.matchAll(PROCEDURE_CODE)];
    if (codes.length === 0) return ranked;
    const docs = codes.map((m) => this.kb.docOfCode(m[1] ?? '')).filter((d): d is number => d !== undefined);
    if (docs.length === 0) return ranked;
    const best = ranked[0]?.score ?? 0;
    const direct = [...new Set(docs)].map((doc) => ({ doc, score: best + CODE_HIT_BONUS, coverage: 1 }));
    return [...direct, ...ranked.filter((r) => !docs.includes(r.doc))];
  }

  private toHit(ranked: RankedDoc): KnowledgeHit {
    const entry = this.kb.entry(ranked.doc);
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

  /**
   * How completely the message says one of the entry's names (title, plain title, an alias): a long
   * question that contains a whole title ("Trình tự thực hiện thủ tục X, hồ sơ gồm những gì?") covers
   * little of itself but all of X. Names of one syllable do not count.
   */
  private phraseCoverage(doc: number, said: ReadonlySet<string>): number {
    let phrases = this.phrases[doc];
    if (!phrases) {
      phrases = this.kb
        .nameSyllables(doc)
        .phrases.map((folded) => {
          const frame = frameMask(folded);
          return folded.filter((_, i) => !frame[i]);
        })
        .filter((p) => p.length >= 2);
      this.phrases[doc] = phrases;
    }
    let best = 0;
    for (const phrase of phrases) {
      const found = phrase.filter((t) => said.has(t)).length / phrase.length;
      if (found > best) best = found;
    }
    return Math.round(best * 100) / 100;
  }

  private accentsOf(doc: number): { accented: ReadonlySet<string>; folded: ReadonlySet<string> } {
    let sets = this.accents[doc];
    if (!sets) {
      const names = this.kb.nameSyllables(doc);
      sets = { accented: new Set(names.accented), folded: new Set(names.folded) };
      this.accents[doc] = sets;
    }
    return sets;
  }
}

/** A procedure code is looked up as a code; its digits ("1", "001978") are not words to search for. */
function withoutCodes(reading: QueryTokens, codeParts: ReadonlySet<string>): QueryTokens {
  if (codeParts.size === 0) return reading;
  const keep = reading.folded.map((t) => !codeParts.has(t));
  return {
    folded: reading.folded.filter((_, i) => keep[i]),
    accented: reading.accented.filter((_, i) => keep[i]),
  };
}

/** Builds a knowledge base in memory from catalogue records and curated entries (tests, tools). */
export function createKnowledgeBase(input: BuildInput): LoadedKnowledgeBase {
  return new LoadedKnowledgeBase(openInMemory(buildKnowledgeBaseData(input)));
}

/** Opens a built kb.jsonl. Validated when built and by `kb:check`, so the cold start skips zod. */
export function readKnowledgeBase(path = dataPath('knowledgeBase')): LoadedKnowledgeBase {
  return new LoadedKnowledgeBase(openSerialised(path));
}

let singleton: LoadedKnowledgeBase | undefined;

/**
 * The built knowledge base (knowledge/data/kb.jsonl, or the one in KNOWLEDGE_DATA_DIR), loaded once per
 * process, synchronously.
 */
export function loadKnowledgeBase(path?: string): LoadedKnowledgeBase {
  if (!singleton) singleton = readKnowledgeBase(path);
  return singleton;
}
