import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fileKnowledgeSources } from '../../../functions/authoring/knowledge-sources';
import {
  exportCsv,
  exportJson,
  importCsv,
  importJson,
  parseCsv,
} from '../../../functions/authoring/layer-transfer';
import { ASPECT_KEYS, type KnowledgeEntry } from '../../../knowledge/schema';

/** One line of text as staff type it: Vietnamese, punctuation, quotes, commas, formula-like starts. */
const line = fc
  .array(
    fc.constantFrom(
      ...'aăâbcdđeêghiklmnoôơpqrstuưvxyàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ ÀĐƯ0123456789,;"\'=+-@<>()/.:',
    ),
    { minLength: 3, maxLength: 40 },
  )
  .map((chars) => chars.join('').trim())
  .filter((s) => s.length >= 3);
/** Cells may also hold line breaks (CRLF as Windows writes them). */
const paragraph = fc.array(line, { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\r\n'));
const url = fc.constantFrom(
  'https://dichvucong.gov.vn/p/home',
  'https://ninhthuan.gov.vn/a?b=1&c=2',
  'https://x.vn/',
);

const entry: fc.Arbitrary<KnowledgeEntry> = fc
  .record(
    {
      slug: fc.stringMatching(/^[a-z0-9-]{1,20}$/u),
      kind: fc.constantFrom('curated' as const, 'faq' as const),
      code: fc.option(fc.stringMatching(/^\d\.\d{6}$/u), { nil: undefined }),
      title: line,
      plainTitle: fc.option(line, { nil: undefined }),
      summary: fc.option(paragraph, { nil: undefined }),
      aliases: fc.array(line, { maxLength: 4 }),
      aspects: fc.record(
        Object.fromEntries(ASPECT_KEYS.map((k) => [k, paragraph])) as Record<string, fc.Arbitrary<string>>,
        {
          requiredKeys: [],
        },
      ),
      legalBasis: fc.option(paragraph, { nil: undefined }),
      sourceUrl: url,
      checkedAt: fc.constantFrom('2025-01-31', '2026-11-20'),
      topic: fc.option(line, { nil: undefined }),
      team: fc.option(fc.constantFrom('cong-an', 'ho-tich-tu-phap'), { nil: undefined }),
      links: fc.array(fc.record({ title: line, url }), { maxLength: 3 }),
    },
    { requiredKeys: ['slug', 'kind', 'title', 'aliases', 'aspects', 'sourceUrl', 'checkedAt', 'links'] },
  )
  .map(({ slug, ...e }) => ({ id: `${e.kind === 'faq' ? 'faq' : 'cur'}.${slug}`, ...e }) as KnowledgeEntry);

const uniqueEntries = fc.uniqueArray(entry, { selector: (e) => e.id, maxLength: 5 });

describe('curated layer export and import', () => {
  it('CSV round-trips generated entries exactly', () => {
    fc.assert(
      fc.property(uniqueEntries, (entries) => {
        const result = importCsv(exportCsv(entries));
        expect(result.problems).toEqual([]);
        expect(result.entries).toEqual(entries.map((e) => JSON.parse(JSON.stringify(e))));
      }),
      { numRuns: 150 },
    );
  });

  it('JSON round-trips generated entries exactly', () => {
    fc.assert(
      fc.property(uniqueEntries, (entries) => {
        expect(importJson(exportJson(entries)).entries).toEqual(
          entries.map((e) => JSON.parse(JSON.stringify(e))),
        );
      }),
      { numRuns: 100 },
    );
  });

  it('CSV starts with a BOM, keeps Vietnamese, and keeps formulas from running in a spreadsheet', () => {
    const csv = exportCsv([
      {
        id: 'cur.thu',
        kind: 'curated',
        title: '=HYPERLINK("x") Cấp lại thẻ căn cước',
        aliases: ['+84 làm lại cccd'],
        aspects: {},
        sourceUrl: 'https://dichvucong.gov.vn/',
        checkedAt: '2026-11-20',
        links: [],
      },
    ]);
    expect(csv.startsWith('\uFEFFid,kind,')).toBe(true);
    const [, row] = parseCsv(csv);
    expect(row?.[3]).toBe('\'=HYPERLINK("x") Cấp lại thẻ căn cước');
    expect(row?.[6]).toBe("'+84 làm lại cccd");
    expect(importCsv(csv).entries[0]?.title).toBe('=HYPERLINK("x") Cấp lại thẻ căn cước');
  });

  it('the real curated layer survives CSV and JSON unchanged', () => {
    const layer = [...fileKnowledgeSources().curatedFiles()];
    expect(layer.length).toBeGreaterThan(100);
    expect(importCsv(exportCsv(layer))).toEqual({ entries: layer, problems: [] });
    expect(importJson(exportJson(layer)).entries).toEqual(layer);
  });

  it('refuses a file that is not an export, naming the row', () => {
    expect(importCsv('a,b\r\n1,2\r\n').problems[0]?.row).toBe(1);
    const good = exportCsv([]);
    const bad = `${good}cur.x,curated,,Ti,,,,,,,,,,,,https://x.vn/,2026-13-01,,,\r\n`;
    expect(importCsv(bad).problems).toEqual([expect.objectContaining({ row: 2 })]);
    expect(importJson('{').problems).toHaveLength(1);
  });
});
