import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalise } from '../../../intents/normalise';
import { buildKnowledgeBaseData } from '../../../knowledge/build/build-knowledge-base';
import { createKnowledgeBase, readKnowledgeBase } from '../../../knowledge/knowledge-base';
import {
  type KnowledgeBaseData,
  openSerialised,
  serialiseKnowledgeBase,
} from '../../../knowledge/knowledge-base-file';
import { hitLabel, isAmbiguous, isConfidentMatch } from '../../../knowledge/retrieval/confidence';
import { nameSyllables } from '../../../knowledge/retrieval/entry-words';
import { CATALOGUE, curated } from './fixtures';

const kb = createKnowledgeBase({ procedures: CATALOGUE, curated: [] });
const firstCode = (message: string) => kb.search(message)[0]?.code;

describe('search over the catalogue', () => {
  it.each([
    ['dang ky ket hon', '1.000894'],
    ['ĐĂNG KÝ KẾT HÔN', '1.000894'],
    ['đăng ký kết hôn'.normalize('NFD'), '1.000894'],
    ['thu tuc dang ky khai tu can giay to gi', '1.000656'],
    ['le phi dang ky khai sinh bao nhieu', '1.001193'],
    ['đăng ký thường trú ở đâu', '1.004222'],
    ['lam lai can cuoc', '1.014064'],
    ['cap so do lan dau', '1.012753'],
  ])('"%s" finds %s first', (message, code) => {
    expect(firstCode(message)).toBe(code);
  });

  it('returns hits best first, with scores and at most k of them', () => {
    const hits = kb.search('cấp hộ chiếu phổ thông', { k: 2 });
    expect(hits).toHaveLength(2);
    expect(hits[0]?.score).toBeGreaterThanOrEqual(hits[1]?.score ?? Number.POSITIVE_INFINITY);
    expect(hits.every((h) => h.entry.id === h.id)).toBe(true);
  });

  it('finds a procedure by the code typed in the message, ahead of anything the words match', () => {
    const hits = kb.search('cho hỏi thủ tục 1.001456 kết hôn');
    expect(hits[0]?.code).toBe('1.001456');
    expect(isConfidentMatch(hits)).toBe(true);
  });

  it('does not search the digits of a code the knowledge base does not hold', () => {
    expect(kb.search('1.999999')).toEqual([]);
  });

  it("accepts the NLU's normalised text as well as a string", () => {
    expect(kb.search(normalise('dang ky ket hon'))[0]?.code).toBe('1.000894');
  });

  it('does not take "buồn" (sad) typed with marks for "buôn" (trade) in a title', () => {
    const hits = kb.search('tôi buồn quá');
    expect(isConfidentMatch(hits)).toBe(false);
  });

  it.each(['thời tiết hôm nay thế nào', 'cảm ơn nhiều', 'lệ phí bao nhiêu', 'thủ tục'])(
    'says nothing fits "%s"',
    (message) => {
      expect(isConfidentMatch(kb.search(message))).toBe(false);
    },
  );

  it('returns no hit at all for a message with no known syllable', () => {
    expect(kb.search('asdfgh qwerty')).toEqual([]);
    expect(isConfidentMatch([])).toBe(false);
  });

  it('calls two procedures with the same title a close call and labels them by level', () => {
    const hits = kb.search('cấp hộ chiếu phổ thông ở trong nước');
    expect(isAmbiguous(hits)).toBe(true);
    const labels = hits.slice(0, 2).map((h) => hitLabel(h, hits));
    expect(labels.sort()).toEqual([
      'Cấp hộ chiếu phổ thông ở trong nước (Cấp bộ)',
      'Cấp hộ chiếu phổ thông ở trong nước (Cấp tỉnh)',
    ]);
  });

  it('is not a close call when one procedure clearly fits better', () => {
    expect(isAmbiguous(kb.search('đăng ký thường trú'))).toBe(false);
  });
});

describe('the curated layer merged with the catalogue', () => {
  const merged = createKnowledgeBase({
    procedures: CATALOGUE,
    curated: [
      curated({
        id: 'cur.dang-ky-ket-hon',
        code: '1.000894',
        title: 'Đăng ký kết hôn',
        plainTitle: 'Làm giấy đăng ký kết hôn',
        aliases: ['cưới vợ làm giấy tờ gì', 'cuoi vo lam giay to gi'],
        aspects: { place: 'Bộ phận một cửa của UBND xã, phường nơi cư trú của một trong hai bên.' },
      }),
      curated({
        id: 'faq.vneid-muc-2',
        kind: 'faq',
        title: 'Tài khoản định danh điện tử mức độ 2',
        aliases: ['vneid muc 2'],
      }),
    ],
  });

  it('answers with the curated entry, not the catalogue procedure it covers', () => {
    const hits = merged.search('thủ tục đăng ký kết hôn');
    expect(hits[0]?.id).toBe('cur.dang-ky-ket-hon');
    expect(hits[0]?.code).toBe('1.000894');
    expect(hits.some((h) => h.id === 'proc.1.000894')).toBe(false);
  });

  it('finds it by an alias people use', () => {
    expect(merged.search('cuoi vo can lam giay to gi')[0]?.id).toBe('cur.dang-ky-ket-hon');
  });

  it('keeps the curated aspects and fills the others from the catalogue, dated by the catalogue', () => {
    const entry = merged.get('proc.1.000894');
    expect(entry?.id).toBe('cur.dang-ky-ket-hon');
    expect(entry?.aspects.place).toContain('Bộ phận một cửa');
    expect(entry?.aspects.fee).toContain('Miễn phí');
    expect(entry?.aspectsCheckedAt?.fee).toBe('2026-07-17');
    expect(entry?.aspectsCheckedAt?.place).toBeUndefined();
    expect(entry?.links.map((l) => l.url)).toContain('https://dichvucong.gov.vn/thu-tuc-hanh-chinh/1.000894');
  });

  it('finds a code through the curated entry that covers it', () => {
    expect(merged.search('1.000894')[0]?.id).toBe('cur.dang-ky-ket-hon');
  });

  it('searches FAQ entries too', () => {
    expect(merged.search('tài khoản VNeID mức 2')[0]?.id).toBe('faq.vneid-muc-2');
  });
});

describe('the built file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kb-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // A curated entry that covers a catalogue procedure: its code names it first, and the procedure's id
  // redirects to it.
  const input = {
    procedures: CATALOGUE,
    curated: [
      curated({ id: 'cur.dang-ky-ket-hon', code: '1.000894', title: 'Đăng ký kết hôn', aliases: [] }),
    ],
  };
  const built = (hash: string) => buildKnowledgeBaseData(input, hash);
  const inMemory = createKnowledgeBase(input);
  const written = (name: string, bytes: Buffer) => {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    return path;
  };

  // Formats 3 and 4 are still read: a live snapshot published before an upgrade keeps serving.
  it.each([
    ['format 5', serialiseKnowledgeBase],
    ['format 4', serialiseFormat4],
    ['format 3', serialiseFormat3],
  ])('answers exactly as the in-memory knowledge base it was written from (%s)', (format, serialise) => {
    const fromFile = readKnowledgeBase(written(`${format.replace(' ', '-')}.jsonl`, serialise(built('h1'))));
    expect(fromFile.inputHash).toBe('h1');
    expect(fromFile.size).toBe(inMemory.size);
    for (const message of ['dang ky ket hon', 'cấp hộ chiếu', 'Đăng ký thường trú', '1.014064', '1.000894']) {
      expect(fromFile.search(message)).toEqual(inMemory.search(message));
    }
    expect(fromFile.get('proc.1.000894')?.id).toBe('cur.dang-ky-ket-hon');
    expect(fromFile.getByCode('1.000894')?.id).toBe('cur.dang-ky-ket-hon');
    for (const entry of inMemory.entries()) {
      expect(fromFile.get(entry.id)).toEqual(entry);
      if (entry.code) expect(fromFile.getByCode(entry.code)).toEqual(inMemory.getByCode(entry.code));
    }
    expect(fromFile.get('proc.khong-co')).toBeUndefined();
    expect(fromFile.getByCode('9.999999')).toBeUndefined();
  });

  it('stores the index in binary: a term is found in the bytes, its postings are views of them', () => {
    const data = built('h1');
    const path = written('kb-binary.jsonl', serialiseKnowledgeBase(data));
    expect(readFileSync(path).toString('latin1', 0, 5)).toBe('KB 5 ');
    const source = openSerialised(path).postings;
    for (const term of Object.keys(data.index.postings)) {
      const stored = data.index.postings[term] ?? [];
      const read = source.postings(term);
      expect(read?.idf).toBe((stored[0] ?? 0) / 1000);
      expect([...(read?.docs ?? [])]).toEqual(stored.filter((_, i) => i % 2 === 1));
    }
    expect(source.postings('khongcotrongchimuc')).toBeUndefined();
    for (const [key, docs] of Object.entries(data.index.titles))
      expect([...(source.titleDocs(key) ?? [])]).toEqual(docs);
    expect(source.titleDocs('khong co ten nay')).toBeUndefined();
  });

  it('stores the name syllables of each entry, as the entry gives them', () => {
    const data = built('h1');
    const opened = openSerialised(written('kb-names.jsonl', serialiseKnowledgeBase(data)));
    data.entries.forEach((entry, doc) => {
      expect(opened.nameSyllables(doc)).toEqual(nameSyllables(entry));
    });
    expect(opened.nameSyllables(0).accented.length).toBeGreaterThan(0);
  });

  it('refuses a file of another format', () => {
    const path = join(dir, 'old.jsonl');
    writeFileSync(path, '{"format":1}\n');
    expect(() => readKnowledgeBase(path)).toThrow(/kb:build/u);
  });
});

/** Format 3 as kb:build wrote it before format 4: a JSON header with the term list, postings as text. */
function serialiseFormat3(data: KnowledgeBaseData): Buffer {
  const entryLines = data.entries.map((e) => Buffer.from(`${JSON.stringify(e)}\n`, 'utf8'));
  const offsets = [0];
  for (const line of entryLines) offsets.push((offsets.at(-1) ?? 0) + line.length);
  const terms = Object.keys(data.index.postings).sort();
  const titleKeys = Object.keys(data.index.titles).sort();
  const header = {
    inputHash: data.inputHash,
    redirects: data.redirects,
    docs: data.entries.map((e) => [e.id, e.code ?? '']),
    offsets,
    docCount: data.index.docCount,
    terms,
    titleKeys,
    titleDocs: titleKeys.map((k) => data.index.titles[k] ?? []),
  };
  const ascii = JSON.stringify(header).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const headerPart = Buffer.from(`${ascii}\n`, 'latin1');
  const deltas = (list: readonly number[]) =>
    list.map((v, i) => (i > 2 && i % 2 === 1 ? v - (list[i - 2] ?? 0) : v)).join(',');
  const postingsPart = Buffer.from(
    `${terms.map((t) => deltas(data.index.postings[t] ?? [])).join('\n')}\n`,
    'latin1',
  );
  const prefix = Buffer.from(`KB 3 ${headerPart.length} ${postingsPart.length}\n`, 'latin1');
  return Buffer.concat([prefix, headerPart, postingsPart, ...entryLines]);
}

/**
 * A format 4 file as kb:build wrote it before format 5: the entries' ids, codes and offsets in the
 * JSON header; the index without format 5's last sections (offsets, ids, codes, name syllables).
 */
function serialiseFormat4(data: KnowledgeBaseData): Buffer {
  const file = serialiseKnowledgeBase(data);
  const prefix = /^KB 5 (\d+) (\d+)\n/u.exec(file.toString('latin1', 0, 64));
  if (!prefix) throw new Error('not a format 5 file');
  const [line, headerBytes, indexBytes] = [prefix[0].length, Number(prefix[1]), Number(prefix[2])];
  const { entryCount, sections, ...header } = JSON.parse(file.toString('latin1', line, line + headerBytes));
  const {
    entryStarts,
    idStarts,
    idBytes,
    idDocs,
    codeStarts,
    codeBytes,
    codeDocs,
    nameStarts,
    nameBytes,
    ...v4
  } = sections;
  const lines = data.entries.map((e) => Buffer.byteLength(`${JSON.stringify(e)}\n`, 'utf8'));
  const offsets = [0];
  for (const length of lines) offsets.push((offsets.at(-1) ?? 0) + length);
  const docs = data.entries.map((e) => [e.id, e.code ?? '']);
  expect(docs).toHaveLength(entryCount);
  const ascii = JSON.stringify({ ...header, docs, offsets, sections: v4 }).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  const headerPart = Buffer.from(`${ascii}\n`, 'latin1');
  const indexStart = line + headerBytes;
  const index = file.subarray(indexStart, indexStart + entryStarts.at);
  return Buffer.concat([
    Buffer.from(`KB 4 ${headerPart.length} ${index.length}\n`, 'latin1'),
    headerPart,
    index,
    file.subarray(indexStart + indexBytes),
  ]);
}
