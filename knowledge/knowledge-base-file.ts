import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';
import {
  inMemoryPostings,
  POSTING_SCALE,
  type PostingsSource,
  type SerialisedIndex,
  type TermPostings,
  toTermPostings,
} from './retrieval/bm25f-index';
import {
  decodeNameSyllables,
  encodeNameSyllables,
  type NameSyllables,
  nameSyllables,
} from './retrieval/entry-words';
import type { KnowledgeEntry } from './schema';

/**
 * The built knowledge base, as `npm run kb:build` writes it and the chat loads it (knowledge/data/kb.jsonl):
 *
 *   KB <format> <header bytes> <index bytes>\n
 *   <header: JSON, plain ASCII: input hash, redirects, entry count, sections>\n
 *   <index: binary, little-endian, each section aligned to 4 bytes from the start of the index>
 *   <entries: one JSON object per line>
 *
 * The index holds the sorted terms (UTF-8, with an offset table), each term's postings as
 * [idf×1000, docs…, weights…] (int32, int32, float32), the sorted whole-title keys with their
 * documents, each entry's offset, id and code, and each entry's name syllables. Loading reads the
 * header and the index but its postings and name syllables (~0.7 MB) into one buffer and parses the
 * small header; a term is found by binary search over the bytes, its postings are read
 * into their place in the buffer when first asked for and are typed-array views of it: no term
 * string, number or list is made up front. The text form of format 3 (a JSON term list and
 * comma-separated postings) cost ~40 ms of every cold start (issue 17). An entry is parsed from the
 * file the first time an answer needs it.
 *
 * Format 5 moved each entry's id, code and offset from the JSON header into the index (parsing them
 * was ~4 ms of a cold start) and added each entry's name syllables (see `Searcher.accentBonus`).
 * Formats 3 and 4 are still read (a live snapshot published before an upgrade keeps serving until
 * the next publish replaces it); only format 5 is written.
 */
export const KNOWLEDGE_BASE_FORMAT = 5;
const FORMAT_4 = 4;
const FORMAT_3 = 3;
const LITTLE_ENDIAN = endianness() === 'LE';

export interface KnowledgeBaseData {
  /** Hash of the inputs (catalogue, curated files, index parameters); `kb:check` tells when it is stale. */
  inputHash: string;
  entries: KnowledgeEntry[];
  /** `proc.<code>` covered by a curated entry → that entry's id. */
  redirects: Record<string, string>;
  /** Document i of the index is entries[i]. */
  index: SerialisedIndex;
}

/** What the headers of formats 3 and 4 say about the entries. */
interface EntriesHeader {
  inputHash: string;
  redirects: Record<string, string>;
  /** [id, code or ""] per entry. */
  docs: [string, string][];
  /** Byte offset of each entry line from the start of the entries part, plus the end. */
  offsets: number[];
  docCount: number;
}

/** Format 3's header: the term list and title keys as JSON, the postings as text lines. */
interface HeaderV3 extends EntriesHeader {
  /** Sorted; term i's postings are line i of the postings part. */
  terms: string[];
  /** Sorted whole folded titles, and the documents of each. */
  titleKeys: string[];
  titleDocs: number[][];
}

/** Where each section of the binary index starts (bytes from the index's start) and its length in elements. */
interface Section {
  at: number;
  length: number;
}

/** The binary index of formats 4 and 5. */
interface IndexSections {
  /** uint32 × (terms + 1): byte offsets of each term in termBytes. */
  termStarts: Section;
  /** The terms, UTF-8, concatenated in byte order. */
  termBytes: Section;
  /** uint32 × (terms + 1): where each term's postings start in `postings`, in 4-byte words. */
  postingStarts: Section;
  /** Per term: idf×1000 (int32), then its documents (int32, ascending), then their weights (float32). */
  postings: Section;
  titleStarts: Section;
  titleBytes: Section;
  /** uint32 × (titles + 1): where each title's documents start in `titleDocs`. */
  titleDocStarts: Section;
  titleDocs: Section;
}

interface HeaderV4 extends EntriesHeader {
  sections: IndexSections;
}

interface Header {
  inputHash: string;
  redirects: Record<string, string>;
  docCount: number;
  entryCount: number;
  sections: IndexSections & {
    /** uint32 × (entries + 1): byte offset of each entry line from the start of the entries part, plus the end. */
    entryStarts: Section;
    /** The entries' ids, sorted as terms are (UTF-8 byte order, offset table), and each one's entry. */
    idStarts: Section;
    idBytes: Section;
    idDocs: Section;
    /** The procedure codes, sorted likewise, and the first entry with each (curated entries come first). */
    codeStarts: Section;
    codeBytes: Section;
    codeDocs: Section;
    /**
     * uint32 × (entries + 1) and UTF-8: each entry's name syllables (entry-words.ts), last in the
     * index and read per entry when a search first ranks it.
     */
    nameStarts: Section;
    nameBytes: Section;
  };
}

function decodePostings(text: string): number[] {
  const raw = text.split(',').map(Number);
  let doc = 0;
  for (let i = 1; i + 1 < raw.length; i += 2) {
    doc += raw[i] ?? 0;
    raw[i] = doc;
  }
  return raw;
}

/** Index of `key` in a sorted array (code-unit order, as `sort()` leaves it), or -1. */
function binarySearch(sorted: readonly string[], key: string): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const value = sorted[mid] ?? '';
    if (value === key) return mid;
    if (value < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** JSON with every non-ASCII character escaped, so the header can be decoded as Latin-1 (fast). */
function asciiJson(value: unknown): string {
  // Without the u flag an astral character is two code units, each escaped on its own, as JSON wants.
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Sorted keys as UTF-8 bytes in byte order (the order the binary search compares in), with offsets. */
function keyBlock(keys: readonly string[]): { sorted: string[]; starts: Uint32Array; bytes: Buffer } {
  const encoded = keys
    .map((key) => ({ key, bytes: Buffer.from(key, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.bytes, b.bytes));
  const starts = new Uint32Array(encoded.length + 1);
  encoded.forEach((e, i) => {
    starts[i + 1] = (starts[i] ?? 0) + e.bytes.length;
  });
  return { sorted: encoded.map((e) => e.key), starts, bytes: Buffer.concat(encoded.map((e) => e.bytes)) };
}

function binaryIndex(
  index: SerialisedIndex,
  entries: readonly KnowledgeEntry[],
  entryStarts: Uint32Array,
): { bytes: Buffer; sections: Header['sections'] } {
  const terms = keyBlock(Object.keys(index.postings));
  const postingStarts = new Uint32Array(terms.sorted.length + 1);
  terms.sorted.forEach((term, i) => {
    const n = ((index.postings[term]?.length ?? 1) - 1) >> 1;
    postingStarts[i + 1] = (postingStarts[i] ?? 0) + 1 + 2 * n;
  });
  const words = new ArrayBuffer((postingStarts[terms.sorted.length] ?? 0) * 4);
  const ints = new Int32Array(words);
  const floats = new Float32Array(words);
  terms.sorted.forEach((term, i) => {
    const list = index.postings[term] ?? [];
    const n = (list.length - 1) >> 1;
    const at = postingStarts[i] ?? 0;
    ints[at] = list[0] ?? 0;
    for (let j = 0; j < n; j++) {
      ints[at + 1 + j] = list[1 + 2 * j] ?? 0;
      floats[at + 1 + n + j] = (list[2 + 2 * j] ?? 0) / POSTING_SCALE;
    }
  });
  const titles = keyBlock(Object.keys(index.titles));
  const titleDocStarts = new Uint32Array(titles.sorted.length + 1);
  titles.sorted.forEach((key, i) => {
    titleDocStarts[i + 1] = (titleDocStarts[i] ?? 0) + (index.titles[key]?.length ?? 0);
  });
  const titleDocs = Int32Array.from(titles.sorted.flatMap((key) => index.titles[key] ?? []));
  const names = entries.map((entry) => Buffer.from(encodeNameSyllables(nameSyllables(entry)), 'utf8'));
  const nameStarts = new Uint32Array(names.length + 1);
  names.forEach((name, i) => {
    nameStarts[i + 1] = (nameStarts[i] ?? 0) + name.length;
  });
  const nameBytes = Buffer.concat(names);
  // As a Map would have them: the last entry with an id, the first with a code.
  const byId = new Map<string, number>();
  const byCode = new Map<string, number>();
  entries.forEach((entry, doc) => {
    byId.set(entry.id, doc);
    if (entry.code && !byCode.has(entry.code)) byCode.set(entry.code, doc);
  });
  const ids = keyBlock([...byId.keys()]);
  const idDocs = Int32Array.from(ids.sorted, (id) => byId.get(id) ?? -1);
  const codes = keyBlock([...byCode.keys()]);
  const codeDocs = Int32Array.from(codes.sorted, (code) => byCode.get(code) ?? -1);

  const parts: Buffer[] = [];
  let length = 0;
  const add = (view: ArrayBufferView, count: number): Section => {
    const at = length;
    const bytes = Buffer.from(view.buffer, view.byteOffset, view.byteLength);
    const padding = (4 - (bytes.length % 4)) % 4;
    parts.push(bytes, Buffer.alloc(padding));
    length += bytes.length + padding;
    return { at, length: count };
  };
  const sections: Header['sections'] = {
    termStarts: add(terms.starts, terms.starts.length),
    termBytes: add(terms.bytes, terms.bytes.length),
    postingStarts: add(postingStarts, postingStarts.length),
    postings: add(ints, ints.length),
    titleStarts: add(titles.starts, titles.starts.length),
    titleBytes: add(titles.bytes, titles.bytes.length),
    titleDocStarts: add(titleDocStarts, titleDocStarts.length),
    titleDocs: add(titleDocs, titleDocs.length),
    entryStarts: add(entryStarts, entryStarts.length),
    idStarts: add(ids.starts, ids.starts.length),
    idBytes: add(ids.bytes, ids.bytes.length),
    idDocs: add(idDocs, idDocs.length),
    codeStarts: add(codes.starts, codes.starts.length),
    codeBytes: add(codes.bytes, codes.bytes.length),
    codeDocs: add(codeDocs, codeDocs.length),
    // Last: read per entry, on demand (see openSerialised).
    nameStarts: add(nameStarts, nameStarts.length),
    nameBytes: add(nameBytes, nameBytes.length),
  };
  return { bytes: Buffer.concat(parts, length), sections };
}

export function serialiseKnowledgeBase(data: KnowledgeBaseData): Buffer {
  if (!LITTLE_ENDIAN) throw new Error('knowledge base file: written little-endian only');
  const entryLines = data.entries.map((e) => Buffer.from(`${JSON.stringify(e)}\n`, 'utf8'));
  const entryStarts = new Uint32Array(entryLines.length + 1);
  entryLines.forEach((line, i) => {
    entryStarts[i + 1] = (entryStarts[i] ?? 0) + line.length;
  });
  const index = binaryIndex(data.index, data.entries, entryStarts);
  const header: Header = {
    inputHash: data.inputHash,
    redirects: data.redirects,
    docCount: data.index.docCount,
    entryCount: data.entries.length,
    sections: index.sections,
  };
  const headerPart = Buffer.from(`${asciiJson(header)}\n`, 'latin1');
  const prefix = Buffer.from(
    `KB ${KNOWLEDGE_BASE_FORMAT} ${headerPart.length} ${index.bytes.length}\n`,
    'latin1',
  );
  return Buffer.concat([prefix, headerPart, index.bytes, ...entryLines]);
}

/** A knowledge base ready to query, whichever way it was obtained. */
export interface OpenedKnowledgeBase {
  inputHash: string;
  redirects: Readonly<Record<string, string>>;
  count: number;
  /** The entry with this id, or the one a redirect (`proc.<code>` → curated id) names. */
  docOfId(id: string): number | undefined;
  /** The first entry with this procedure code (curated entries come first). */
  docOfCode(code: string): number | undefined;
  entry(doc: number): KnowledgeEntry;
  /** The syllables of the entry's names (without parsing the entry when the file stores them). */
  nameSyllables(doc: number): NameSyllables;
  postings: PostingsSource;
}

/** `derive` of an entry, worked out once. */
function perEntry<T>(count: number, derive: (doc: number) => T): (doc: number) => T {
  const known = new Array<T | undefined>(count);
  return (doc) => {
    let value = known[doc];
    if (value === undefined) {
      value = derive(doc);
      known[doc] = value;
    }
    return value;
  };
}

/** Id and code → entry as maps, built on the first lookup (in memory, and formats 3 and 4). */
function lookupMaps(
  count: number,
  idOf: (doc: number) => string,
  codeOf: (doc: number) => string | undefined,
  redirects: Readonly<Record<string, string>>,
): Pick<OpenedKnowledgeBase, 'docOfId' | 'docOfCode'> {
  let maps: { byId: Map<string, number>; byCode: Map<string, number> } | undefined;
  const build = () => {
    if (maps) return maps;
    const byId = new Map<string, number>();
    const byCode = new Map<string, number>();
    for (let doc = 0; doc < count; doc++) {
      byId.set(idOf(doc), doc);
      const code = codeOf(doc);
      if (code && !byCode.has(code)) byCode.set(code, doc);
    }
    for (const [from, to] of Object.entries(redirects)) {
      const target = byId.get(to);
      if (target !== undefined && !byId.has(from)) byId.set(from, target);
    }
    maps = { byId, byCode };
    return maps;
  };
  return { docOfId: (id) => build().byId.get(id), docOfCode: (code) => build().byCode.get(code) };
}

export function openInMemory(data: KnowledgeBaseData): OpenedKnowledgeBase {
  return {
    inputHash: data.inputHash,
    redirects: data.redirects,
    count: data.entries.length,
    ...lookupMaps(
      data.entries.length,
      (doc) => data.entries[doc]?.id ?? '',
      (doc) => data.entries[doc]?.code,
      data.redirects,
    ),
    entry: (doc) => data.entries[doc] as KnowledgeEntry,
    nameSyllables: perEntry(data.entries.length, (doc) => nameSyllables(data.entries[doc] as KnowledgeEntry)),
    postings: inMemoryPostings(data.index),
  };
}

/** Fills `buffer` from `position` of an open file. */
function readInto(fd: number, buffer: Buffer, position: number): Buffer {
  let done = 0;
  while (done < buffer.length) {
    const n = readSync(fd, buffer, done, buffer.length - done, position + done);
    if (n === 0) throw new Error('knowledge base file: truncated');
    done += n;
  }
  return buffer;
}

/** Reads `length` bytes at `position` of an open file. */
function readAt(fd: number, position: number, length: number): Buffer {
  return readInto(fd, Buffer.allocUnsafe(length), position);
}

/** Index of `key` among sorted byte strings (`starts` delimit them in `bytes`), or -1. */
function binarySearchBytes(bytes: Buffer, starts: Uint32Array, key: Buffer): number {
  let lo = 0;
  let hi = starts.length - 2;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const order = key.compare(bytes, starts[mid], starts[mid + 1]);
    if (order === 0) return mid;
    if (order > 0) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Keys remembered by `rememberedSearch` before it starts afresh. */
export const REMEMBERED_KEYS = 20_000;

/**
 * A search over the file's sorted keys that remembers its answers, misses included. Every message
 * looks up its syllables, their pairs and every span of up to twelve syllables among the names, and
 * the same few thousand recur from one message to the next; each lookup was some fifteen byte
 * comparisons through Buffer's native compare, about a quarter of a search. Bounded: past
 * REMEMBERED_KEYS it starts afresh, so a stream of made-up words costs searches, never memory.
 */
export function rememberedSearch(search: (key: string) => number): (key: string) => number {
  const known = new Map<string, number>();
  return (key) => {
    let at = known.get(key);
    if (at === undefined) {
      at = search(key);
      if (known.size >= REMEMBERED_KEYS) known.clear();
      known.set(key, at);
    }
    return at;
  };
}

/** Where each entry is and what it is called, however the file stores it. */
interface EntryTable {
  inputHash: string;
  redirects: Record<string, string>;
  count: number;
  /** Byte offset of entry `doc`'s line from the start of the entries part (`count`: the end). */
  offset(doc: number): number;
  docOfId(id: string): number | undefined;
  docOfCode(code: string): number | undefined;
}

/** Formats 3 and 4: the ids, codes and offsets are lists in the JSON header. */
function headerEntryTable(header: EntriesHeader): EntryTable {
  return {
    inputHash: header.inputHash,
    redirects: header.redirects,
    count: header.docs.length,
    offset: (doc) => header.offsets[doc] ?? header.offsets.at(-1) ?? 0,
    ...lookupMaps(
      header.docs.length,
      (doc) => header.docs[doc]?.[0] ?? '',
      (doc) => header.docs[doc]?.[1] || undefined,
      header.redirects,
    ),
  };
}

/** Everything but the postings; an entry is parsed from the file on first use and kept. */
function openedEntries(
  fd: number,
  entriesAt: number,
  table: EntryTable,
): Omit<OpenedKnowledgeBase, 'postings'> {
  const entries = new Array<KnowledgeEntry | undefined>(table.count);
  const entry = (doc: number): KnowledgeEntry => {
    let found = entries[doc];
    if (!found) {
      const from = table.offset(doc);
      const to = doc < table.count ? table.offset(doc + 1) : from;
      found = JSON.parse(readAt(fd, entriesAt + from, to - from).toString('utf8')) as KnowledgeEntry;
      entries[doc] = found;
    }
    return found;
  };
  return {
    inputHash: table.inputHash,
    redirects: table.redirects,
    count: table.count,
    docOfId: (id) => table.docOfId(id),
    docOfCode: (code) => table.docOfCode(code),
    entry,
    nameSyllables: perEntry(table.count, (doc) => nameSyllables(entry(doc))),
  };
}

/** Format 5: offsets, ids and codes are sections of the index, searched where they are. */
function indexEntryTable(header: Header, index: Buffer): EntryTable {
  const { sections, redirects } = header;
  const u32 = (s: Section) => new Uint32Array(index.buffer, s.at, s.length);
  const i32 = (s: Section) => new Int32Array(index.buffer, s.at, s.length);
  const bytes = (s: Section) => index.subarray(s.at, s.at + s.length);
  const starts = u32(sections.entryStarts);
  const [idStarts, idBytes, idDocs] = [u32(sections.idStarts), bytes(sections.idBytes), i32(sections.idDocs)];
  const [codeStarts, codeBytes, codeDocs] = [
    u32(sections.codeStarts),
    bytes(sections.codeBytes),
    i32(sections.codeDocs),
  ];
  const docOf = (key: string, keyBytes: Buffer, keyStarts: Uint32Array, docs: Int32Array) => {
    const i = binarySearchBytes(keyBytes, keyStarts, Buffer.from(key, 'utf8'));
    return i < 0 ? undefined : docs[i];
  };
  return {
    inputHash: header.inputHash,
    redirects,
    count: header.entryCount,
    offset: (doc) => starts[doc] ?? starts[header.entryCount] ?? 0,
    docOfId: (id) => {
      const direct = docOf(id, idBytes, idStarts, idDocs);
      if (direct !== undefined || !Object.hasOwn(redirects, id)) return direct;
      return docOf(redirects[id] ?? '', idBytes, idStarts, idDocs);
    },
    docOfCode: (code) => docOf(code, codeBytes, codeStarts, codeDocs),
  };
}

/**
 * Opens a built file. The file stays open for the life of the process (entries are read on demand),
 * which is what a Lambda container wants; tools open it once too.
 */
export function openSerialised(path: string): OpenedKnowledgeBase {
  const fd = openSync(path, 'r');
  const probe = Buffer.alloc(64);
  const start = probe.toString('latin1', 0, readSync(fd, probe, 0, 64, 0));
  const prefix = /^KB (\d+) (\d+) (\d+)\n/u.exec(start);
  const [line, format, headerBytes, restBytes] =
    prefix?.map((p, i) => (i === 0 ? p.length : Number(p))) ?? [];
  if (format !== KNOWLEDGE_BASE_FORMAT && format !== FORMAT_4 && format !== FORMAT_3) {
    closeSync(fd);
    const found = prefix
      ? `format ${format}, expected ${KNOWLEDGE_BASE_FORMAT}`
      : 'not a knowledge base file';
    throw new Error(`${path}: ${found}; run npm run kb:build`);
  }
  const at = line ?? 0;
  if (format === FORMAT_3) return openFormat3(fd, at, headerBytes ?? 0, restBytes ?? 0);
  if (!LITTLE_ENDIAN) {
    closeSync(fd);
    throw new Error(`${path}: the knowledge base file is little-endian, this machine is not`);
  }
  const header = JSON.parse(readAt(fd, at, headerBytes ?? 0).toString('latin1')) as Header | HeaderV4;
  const { sections } = header;
  const current = format === KNOWLEDGE_BASE_FORMAT ? (header as Header) : undefined;
  const indexAt = at + (headerBytes ?? 0);
  // A buffer of its own (offset 0, not Node's shared pool), so the typed-array views are aligned.
  // Everything but the postings and the name syllables is read now; a term's postings (three
  // quarters of the index) are read into their place in the same buffer the first time a query asks
  // for the term, an entry's name syllables the first time a search ranks it: reading the whole
  // index up front was ~10 ms of a cold start on a small VM (issue 17), for the ~1 % of it that a
  // first question reads.
  const index = Buffer.from(new ArrayBuffer(restBytes ?? 0));
  const postingsFrom = sections.postings.at;
  const postingsTo = postingsFrom + sections.postings.length * 4;
  const namesFrom = current?.sections.nameBytes.at ?? index.length;
  readInto(fd, index.subarray(0, postingsFrom), indexAt);
  readInto(fd, index.subarray(postingsTo, namesFrom), indexAt + postingsTo);
  const u32 = (s: Section) => new Uint32Array(index.buffer, s.at, s.length);
  const bytes = (s: Section) => index.subarray(s.at, s.at + s.length);
  const termStarts = u32(sections.termStarts);
  const termBytes = bytes(sections.termBytes);
  const postingStarts = u32(sections.postingStarts);
  const words = sections.postings.at;
  const titleStarts = u32(sections.titleStarts);
  const titleBytes = bytes(sections.titleBytes);
  const titleDocStarts = u32(sections.titleDocStarts);
  const nameStarts = current && u32(current.sections.nameStarts);
  const decoded = new Map<number, TermPostings>();
  const termAt = rememberedSearch((term) =>
    binarySearchBytes(termBytes, termStarts, Buffer.from(term, 'utf8')),
  );
  const titleAt = rememberedSearch((key) =>
    binarySearchBytes(titleBytes, titleStarts, Buffer.from(key, 'utf8')),
  );
  const entries = openedEntries(
    fd,
    indexAt + (restBytes ?? 0),
    current ? indexEntryTable(current, index) : headerEntryTable(header as HeaderV4),
  );

  return {
    ...entries,
    nameSyllables: nameStarts
      ? perEntry(entries.count, (doc) => {
          const from = namesFrom + (nameStarts[doc] ?? 0);
          const to = namesFrom + (nameStarts[doc + 1] ?? from - namesFrom);
          return decodeNameSyllables(readInto(fd, index.subarray(from, to), indexAt + from).toString('utf8'));
        })
      : entries.nameSyllables,
    postings: {
      docCount: header.docCount,
      postings: (term) => {
        const i = termAt(term);
        if (i < 0) return undefined;
        let list = decoded.get(i);
        if (!list) {
          const from = postingStarts[i] ?? 0;
          const to = postingStarts[i + 1] ?? from;
          const n = (to - from - 1) >> 1;
          readInto(fd, index.subarray(words + from * 4, words + to * 4), indexAt + words + from * 4);
          const first = words + (from + 1) * 4;
          list = {
            idf: index.readInt32LE(words + from * 4) / POSTING_SCALE,
            docs: new Int32Array(index.buffer, first, n),
            weights: new Float32Array(index.buffer, first + n * 4, n),
          };
          decoded.set(i, list);
        }
        return list;
      },
      titleDocs: (key) => {
        const i = titleAt(key);
        if (i < 0) return undefined;
        const from = titleDocStarts[i] ?? 0;
        return new Int32Array(
          index.buffer,
          sections.titleDocs.at + from * 4,
          (titleDocStarts[i + 1] ?? from) - from,
        );
      },
    },
  };
}

/** A format 3 file (text index), as live snapshots published before format 4 are. */
function openFormat3(
  fd: number,
  at: number,
  headerBytes: number,
  postingsBytes: number,
): OpenedKnowledgeBase {
  const head = readAt(fd, at, headerBytes + postingsBytes);
  const header = JSON.parse(head.toString('latin1', 0, headerBytes)) as HeaderV3;
  const postingLines = head.toString('latin1', headerBytes, head.length).split('\n');
  const decoded = new Map<number, TermPostings>();
  return {
    ...openedEntries(fd, at + head.length, headerEntryTable(header)),
    postings: {
      docCount: header.docCount,
      postings: (term) => {
        const i = binarySearch(header.terms, term);
        if (i < 0) return undefined;
        let list = decoded.get(i);
        if (!list) {
          list = toTermPostings(decodePostings(postingLines[i] ?? ''));
          decoded.set(i, list);
        }
        return list;
      },
      titleDocs: (key) => {
        const i = binarySearch(header.titleKeys, key);
        return i < 0 ? undefined : header.titleDocs[i];
      },
    },
  };
}
