import { closeSync, openSync, readSync } from 'node:fs';
import {
  inMemoryPostings,
  type PostingsSource,
  type SerialisedIndex,
  type TermPostings,
  toTermPostings,
} from './retrieval/bm25f-index';
import type { KnowledgeEntry } from './schema';

/**
 * The built knowledge base, as `npm run kb:build` writes it and the chat loads it (knowledge/data/kb.jsonl):
 *
 *   KB <format> <header bytes> <postings bytes>\n
 *   <header: JSON, plain ASCII: ids, codes, entry offsets, sorted term list, whole-title keys>\n
 *   <postings: one line per term, in term order: "idf,doc,weight,Δdoc,weight,…">
 *   <entries: one JSON object per line>
 *
 * Loading reads the first two parts only (~2 MB of ASCII) and splits the postings into lines; a term's
 * numbers are decoded, and an entry is read from the file, the first time a query needs it. Decoding
 * and parsing the whole 10 MB of mostly Vietnamese text up front would cost ~80 ms of cold start,
 * while a message needs a few dozen terms and three entries.
 */
export const KNOWLEDGE_BASE_FORMAT = 3;

export interface KnowledgeBaseData {
  /** Hash of the inputs (catalogue, curated files, index parameters); `kb:check` tells when it is stale. */
  inputHash: string;
  entries: KnowledgeEntry[];
  /** `proc.<code>` covered by a curated entry → that entry's id. */
  redirects: Record<string, string>;
  /** Document i of the index is entries[i]. */
  index: SerialisedIndex;
}

interface Header {
  inputHash: string;
  redirects: Record<string, string>;
  /** [id, code or ""] per entry. */
  docs: [string, string][];
  /** Byte offset of each entry line from the start of the entries part, plus the end. */
  offsets: number[];
  docCount: number;
  /** Sorted; term i's postings are line i of the postings part. */
  terms: string[];
  /** Sorted whole folded titles, and the documents of each. */
  titleKeys: string[];
  titleDocs: number[][];
}

function encodePostings(list: readonly number[]): string {
  const out: number[] = [list[0] ?? 0];
  let previous = 0;
  for (let i = 1; i + 1 < list.length; i += 2) {
    const doc = list[i] ?? 0;
    out.push(doc - previous, list[i + 1] ?? 0);
    previous = doc;
  }
  return out.join(',');
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

export function serialiseKnowledgeBase(data: KnowledgeBaseData): Buffer {
  const entryLines = data.entries.map((e) => Buffer.from(`${JSON.stringify(e)}\n`, 'utf8'));
  const offsets = [0];
  for (const line of entryLines) offsets.push((offsets.at(-1) ?? 0) + line.length);
  const terms = Object.keys(data.index.postings).sort();
  const titleKeys = Object.keys(data.index.titles).sort();
  const header: Header = {
    inputHash: data.inputHash,
    redirects: data.redirects,
    docs: data.entries.map((e) => [e.id, e.code ?? '']),
    offsets,
    docCount: data.index.docCount,
    terms,
    titleKeys,
    titleDocs: titleKeys.map((k) => data.index.titles[k] ?? []),
  };
  const headerPart = Buffer.from(`${asciiJson(header)}\n`, 'latin1');
  const postingsPart = Buffer.from(
    `${terms.map((t) => encodePostings(data.index.postings[t] ?? [])).join('\n')}\n`,
    'latin1',
  );
  const prefix = Buffer.from(
    `KB ${KNOWLEDGE_BASE_FORMAT} ${headerPart.length} ${postingsPart.length}\n`,
    'latin1',
  );
  return Buffer.concat([prefix, headerPart, postingsPart, ...entryLines]);
}

/** A knowledge base ready to query, whichever way it was obtained. */
export interface OpenedKnowledgeBase {
  inputHash: string;
  redirects: Readonly<Record<string, string>>;
  count: number;
  idOf(doc: number): string;
  codeOf(doc: number): string | undefined;
  entry(doc: number): KnowledgeEntry;
  postings: PostingsSource;
}

export function openInMemory(data: KnowledgeBaseData): OpenedKnowledgeBase {
  return {
    inputHash: data.inputHash,
    redirects: data.redirects,
    count: data.entries.length,
    idOf: (doc) => data.entries[doc]?.id ?? '',
    codeOf: (doc) => data.entries[doc]?.code,
    entry: (doc) => data.entries[doc] as KnowledgeEntry,
    postings: inMemoryPostings(data.index),
  };
}

/** Reads `length` bytes at `position` of an open file. */
function readAt(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const n = readSync(fd, buffer, done, length - done, position + done);
    if (n === 0) throw new Error('knowledge base file: truncated');
    done += n;
  }
  return buffer;
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
  const [line, format, headerBytes, postingsBytes] =
    prefix?.map((p, i) => (i === 0 ? p.length : Number(p))) ?? [];
  if (format !== KNOWLEDGE_BASE_FORMAT) {
    closeSync(fd);
    const found = prefix
      ? `format ${format}, expected ${KNOWLEDGE_BASE_FORMAT}`
      : 'not a knowledge base file';
    throw new Error(`${path}: ${found}; run npm run kb:build`);
  }
  const head = readAt(fd, line ?? 0, (headerBytes ?? 0) + (postingsBytes ?? 0));
  const header = JSON.parse(head.toString('latin1', 0, headerBytes)) as Header;
  const postingLines = head.toString('latin1', headerBytes, head.length).split('\n');
  const entriesAt = (line ?? 0) + head.length;

  const entries = new Array<KnowledgeEntry | undefined>(header.docs.length);
  const decoded = new Map<number, TermPostings>();
  return {
    inputHash: header.inputHash,
    redirects: header.redirects,
    count: header.docs.length,
    idOf: (doc) => header.docs[doc]?.[0] ?? '',
    codeOf: (doc) => header.docs[doc]?.[1] || undefined,
    entry: (doc) => {
      let entry = entries[doc];
      if (!entry) {
        const from = header.offsets[doc] ?? 0;
        const to = header.offsets[doc + 1] ?? from;
        entry = JSON.parse(readAt(fd, entriesAt + from, to - from).toString('utf8')) as KnowledgeEntry;
        entries[doc] = entry;
      }
      return entry;
    },
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
