import * as z from 'zod';
import { ASPECT_KEYS, type KnowledgeEntry, KnowledgeEntrySchema } from '../../knowledge/schema';

/**
 * The whole curated layer out and in: JSON (exact) and CSV for Excel/LibreOffice (UTF-8 with a BOM,
 * so Vietnamese opens intact; CRLF rows; one entry per row). Lists are one item per line inside
 * their cell: aliases as typed, links as `title <url>`. Round-trip safe: export → import gives the
 * same entries (tests/unit/authoring/layer-transfer.test.ts checks it with generated entries).
 */
export const LAYER_FORMAT = 'tro-ly-ao/curated-layer@1';
const BOM = '\uFEFF';

const ASPECT_COLUMNS = ASPECT_KEYS.map((k) => `aspect_${k}` as const);
export const CSV_COLUMNS = [
  'id',
  'kind',
  'code',
  'title',
  'plainTitle',
  'summary',
  'aliases',
  ...ASPECT_COLUMNS,
  'legalBasis',
  'sourceUrl',
  'checkedAt',
  'topic',
  'team',
  'links',
] as const;

export function exportJson(entries: readonly KnowledgeEntry[]): string {
  return `${JSON.stringify({ format: LAYER_FORMAT, entries }, null, 2)}\n`;
}

export interface ImportProblem {
  row: number;
  message: string;
}

export interface ImportResult {
  entries: KnowledgeEntry[];
  problems: ImportProblem[];
}

const JsonLayerSchema = z.object({ format: z.literal(LAYER_FORMAT), entries: z.array(z.unknown()) });

export function importJson(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/u, ''));
  } catch {
    return { entries: [], problems: [{ row: 0, message: 'Tệp không phải JSON hợp lệ.' }] };
  }
  const layer = JsonLayerSchema.safeParse(data);
  if (!layer.success)
    return { entries: [], problems: [{ row: 0, message: 'Tệp không đúng định dạng xuất của hệ thống.' }] };
  return validated(layer.data.entries.map((raw, i) => ({ row: i + 1, raw })));
}

/** Spreadsheets run a cell that starts like a formula; a leading apostrophe keeps it text (and is undone on import). */
const FORMULA_START = /^['=+\-@\t\r]/u;
const protect = (value: string) => (FORMULA_START.test(value) ? `'${value}` : value);
const unprotect = (value: string) =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;

function cell(value: string): string {
  const text = protect(value);
  return /[",\r\n]/u.test(text) ? `"${text.replace(/"/gu, '""')}"` : text;
}

export function exportCsv(entries: readonly KnowledgeEntry[]): string {
  const rows = entries.map((e) => {
    const values: Record<(typeof CSV_COLUMNS)[number], string> = {
      id: e.id,
      kind: e.kind,
      code: e.code ?? '',
      title: e.title,
      plainTitle: e.plainTitle ?? '',
      summary: e.summary ?? '',
      aliases: e.aliases.join('\n'),
      ...(Object.fromEntries(ASPECT_KEYS.map((k) => [`aspect_${k}`, e.aspects[k] ?? ''])) as Record<
        (typeof ASPECT_COLUMNS)[number],
        string
      >),
      legalBasis: e.legalBasis ?? '',
      sourceUrl: e.sourceUrl,
      checkedAt: e.checkedAt,
      topic: e.topic ?? '',
      team: e.team ?? '',
      links: e.links.map((l) => `${l.title} <${l.url}>`).join('\n'),
    };
    return CSV_COLUMNS.map((c) => cell(values[c])).join(',');
  });
  return `${BOM}${[CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** RFC 4180 records: quoted cells may hold commas, quotes (doubled) and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let value = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/u, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        value += '"';
        i++;
      } else if (c === '"') quoted = false;
      else value += c;
    } else if (c === '"' && value === '') quoted = true;
    else if (c === ',') {
      row.push(value);
      value = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && s[i + 1] === '\n') i++;
      row.push(value);
      rows.push(row);
      row = [];
      value = '';
    } else value += c;
  }
  if (value !== '' || row.length > 0) {
    row.push(value);
    rows.push(row);
  }
  return rows.filter((r) => r.some((v) => v !== ''));
}

const LINK_LINE = /^(.*\S)\s+<(\S+)>$/u;

export function importCsv(text: string): ImportResult {
  const [header, ...rows] = parseCsv(text);
  if (!header || header.join(',') !== CSV_COLUMNS.join(','))
    return {
      entries: [],
      problems: [{ row: 1, message: 'Dòng tiêu đề không khớp với tệp xuất của hệ thống.' }],
    };
  const lines = (v: string) => (v === '' ? [] : v.split(/\r?\n/u));
  return validated(
    rows.map((cells, i) => {
      const v = (c: (typeof CSV_COLUMNS)[number]) => unprotect(cells[CSV_COLUMNS.indexOf(c)] ?? '');
      const optional = (c: (typeof CSV_COLUMNS)[number]) => v(c) || undefined;
      const aspects = Object.fromEntries(
        ASPECT_KEYS.map((k) => [k, v(`aspect_${k}`)]).filter(([, t]) => t !== ''),
      );
      const raw = {
        id: v('id'),
        kind: v('kind'),
        code: optional('code'),
        title: v('title'),
        plainTitle: optional('plainTitle'),
        summary: optional('summary'),
        aliases: lines(v('aliases')),
        aspects,
        legalBasis: optional('legalBasis'),
        sourceUrl: v('sourceUrl'),
        checkedAt: v('checkedAt'),
        topic: optional('topic'),
        team: optional('team'),
        links: lines(v('links')).map((l) => {
          const m = LINK_LINE.exec(l);
          return m ? { title: m[1], url: m[2] } : { title: l, url: '' };
        }),
      };
      return { row: i + 2, raw: Object.fromEntries(Object.entries(raw).filter(([, x]) => x !== undefined)) };
    }),
  );
}

function validated(rows: { row: number; raw: unknown }[]): ImportResult {
  const entries: KnowledgeEntry[] = [];
  const problems: ImportProblem[] = [];
  const ids = new Set<string>();
  for (const { row, raw } of rows) {
    const parsed = KnowledgeEntrySchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      problems.push({
        row,
        message: `${issue?.path.join('.') || 'mục'}: ${issue?.message ?? 'không hợp lệ'}`,
      });
    } else if (ids.has(parsed.data.id)) problems.push({ row, message: `Mã ${parsed.data.id} bị lặp.` });
    else {
      ids.add(parsed.data.id);
      entries.push(parsed.data);
    }
  }
  return { entries, problems };
}
