import type { ProcedureRecord } from '../catalogue/procedure-record';
import { procedureSearchText, procedureToEntry } from '../catalogue/to-entry';
import { ASPECT_KEYS, type KnowledgeEntry } from '../schema';

/**
 * One corpus from two layers. A curated entry that carries a catalogue `code` takes that procedure's
 * place: the curated entry wins for what a person wrote (titles, summary, aliases, topic, team, any aspect
 * it gives), the catalogue fills what it lacks (the other aspects, field, level, agencies, legal basis),
 * and the catalogue entry itself leaves the search so the two never compete. `proc.<code>` keeps
 * resolving, to the curated entry.
 */
export interface Corpus {
  entries: KnowledgeEntry[];
  /** `proc.<code>` of a covered catalogue procedure → the curated entry that took its place. */
  redirects: Record<string, string>;
  /** Retrieval-only text per entry id: the official title of a covered procedure, results, audience. */
  searchText: Record<string, { titles: string[]; body: string }>;
}

function fill<T>(curated: T | undefined, catalogue: T | undefined): T | undefined {
  return curated !== undefined && curated !== '' ? curated : catalogue;
}

export function mergeCurated(catalogue: KnowledgeEntry, curated: KnowledgeEntry): KnowledgeEntry {
  const merged: KnowledgeEntry = {
    ...curated,
    code: curated.code ?? catalogue.code,
    summary: fill(curated.summary, catalogue.summary),
    field: fill(curated.field, catalogue.field),
    level: fill(curated.level, catalogue.level),
    agencies: fill(curated.agencies, catalogue.agencies),
    legalBasis: fill(curated.legalBasis, catalogue.legalBasis),
    aspects: { ...catalogue.aspects, ...curated.aspects, ...catalogueFee(catalogue, curated) },
    // The structured fee goes with the fee text it was rendered into.
    feeSchedule: ownFee(curated) ? curated.feeSchedule : catalogue.feeSchedule,
    aspectsCheckedAt: catalogueDates(catalogue, curated),
    links: withCatalogueLink(curated, catalogue),
  };
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined)) as KnowledgeEntry;
}

/** A curated fee text that states an amount (or that it is free) is the team's own; one that only
 * says "see the procedure page" gives way to the record's figures. */
function ownFee(curated: KnowledgeEntry): boolean {
  const fee = curated.aspects.fee;
  return fee !== undefined && (/\d/u.test(fee) || /miễn/iu.test(fee) || !/xem|tham khảo|hỏi/iu.test(fee));
}

function catalogueFee(catalogue: KnowledgeEntry, curated: KnowledgeEntry): { fee?: string } {
  return !ownFee(curated) && catalogue.aspects.fee ? { fee: catalogue.aspects.fee } : {};
}

/** The aspects the catalogue fills keep the catalogue's date: nobody re-checked them with the curated entry. */
function catalogueDates(
  catalogue: KnowledgeEntry,
  curated: KnowledgeEntry,
): KnowledgeEntry['aspectsCheckedAt'] {
  const filled = ASPECT_KEYS.filter(
    (a) =>
      catalogue.aspects[a] !== undefined &&
      (curated.aspects[a] === undefined || (a === 'fee' && !ownFee(curated))),
  );
  if (filled.length === 0) return curated.aspectsCheckedAt;
  return { ...Object.fromEntries(filled.map((a) => [a, catalogue.checkedAt])), ...curated.aspectsCheckedAt };
}

/** The official page stays reachable when the curated entry cites another source. */
function withCatalogueLink(curated: KnowledgeEntry, catalogue: KnowledgeEntry): KnowledgeEntry['links'] {
  const known = new Set([curated.sourceUrl, ...curated.links.map((l) => l.url)]);
  if (known.has(catalogue.sourceUrl)) return curated.links;
  return [...curated.links, { title: 'Thủ tục trên Cổng Dịch vụ công quốc gia', url: catalogue.sourceUrl }];
}

export function buildCorpus(procedures: ProcedureRecord[], curated: KnowledgeEntry[]): Corpus {
  const byCode = new Map(procedures.map((p) => [p.code, p]));
  const catalogueEntries = new Map(procedures.map((p) => [p.code, procedureToEntry(p)]));
  const redirects: Record<string, string> = {};
  const searchText: Corpus['searchText'] = {};
  const entries: KnowledgeEntry[] = [];
  const covered = new Set<string>();

  for (const entry of curated) {
    const record = entry.code ? byCode.get(entry.code) : undefined;
    const base = entry.code ? catalogueEntries.get(entry.code) : undefined;
    if (!record || !base) {
      entries.push(entry);
      continue;
    }
    entries.push(mergeCurated(base, entry));
    covered.add(record.code);
    redirects[base.id] ??= entry.id;
    searchText[entry.id] = { titles: [record.title], body: procedureSearchText(record) };
  }
  for (const record of procedures) {
    if (covered.has(record.code)) continue;
    const entry = catalogueEntries.get(record.code);
    if (!entry) continue;
    entries.push(entry);
    searchText[entry.id] = { titles: [], body: procedureSearchText(record) };
  }
  return { entries, redirects, searchText };
}
