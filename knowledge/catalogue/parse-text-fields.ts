import { cleanLine, cleanText, isNoInformation, truncateText } from '../text/display-text';

/** Parsers for the smaller catalogue fields: steps, legal basis, results, agencies. */

const MAX_STEP = 160;
const MAX_STEPS = 6;
const MAX_LEGAL_ROWS = 5;

/** `trinh_tu_thuc_hien`: "Bước 1: … Bước 2: …", or plain paragraphs when the steps are not numbered. */
export function parseSteps(raw: string): string[] {
  const text = cleanText(raw);
  if (isNoInformation(text)) return [];
  const numbered = text.split(/(?=\bBước\s*\d+\s*[:.\-–)]?)/u).map((s) => s.trim());
  const parts = numbered.filter((s) => /^Bước\s*\d/u.test(s));
  const steps = parts.length >= 2 ? parts : text.split(/\n+/u);
  return steps
    .map((s) => cleanLine(s))
    .filter((s) => s.length > 2)
    .slice(0, MAX_STEPS)
    .map((s) => truncateText(s, MAX_STEP));
}

/**
 * Legal document numbers: "106/2024/NĐ-CP", "65/2006/QH11", "20/2013/TTLT-BYT-BCT", "66.16/2026/NQ-CP".
 * The National Assembly suffix is QH + term number (two digits), which keeps "QH1165/2006" apart, and an
 * issuer group stops before a capital that starts the next glued name ("TT-BCALuật" is TT-BCA + Luật).
 */
const LEGAL_CODE =
  /(?<!\/)(\d+(?:\.\d+)?)\/(\d{4})\/(QH\d{2}|[A-ZĐ]+(?![\p{Ll}])(?:-[A-ZĐ]+(?:\d+(?![\d/]))?(?![\p{Ll}]))*)/gu;

interface CodeAt {
  code: string;
  start: number;
  end: number;
}

function legalCodes(text: string): CodeAt[] {
  const found: CodeAt[] = [];
  for (const m of text.matchAll(LEGAL_CODE)) {
    const [whole, number = '', year, issuer] = m;
    // "năm 201102/2011/QH13": a year glued in front of the number cell.
    const glued = /^(?:19|20)\d{2}(?=\d)/u.exec(number);
    const cut = glued && number.length > 4 ? glued[0].length : 0;
    const start = (m.index ?? 0) + cut;
    found.push({ code: `${number.slice(cut)}/${year}/${issuer}`, start, end: (m.index ?? 0) + whole.length });
  }
  return found;
}

/**
 * `can_cu_phap_ly`: a flattened table "Tên văn bản pháp lýMã văn bản" of name · number rows. The number cell
 * is glued to the next row's name, so a number followed directly by a letter or digit ends a row, while a
 * number inside a name is followed by a blank or punctuation.
 */
export function parseLegalBasis(raw: string): string[] {
  let text = cleanLine(raw).replace(/Ð/gu, 'Đ');
  if (isNoInformation(text)) return [];
  text = text.replace(/^Tên văn bản pháp lýMã văn bản/u, '');
  const rows: string[] = [];
  const seen = new Set<string>();
  let rowStart = 0;
  for (const at of legalCodes(text)) {
    const next = text[at.end];
    const endsRow = next === undefined || /[\p{L}\d(]/u.test(next);
    if (!endsRow) continue;
    const name = text
      .slice(rowStart, at.start)
      .trim()
      .replace(/^[\s,;.\-–]+/u, '');
    rowStart = at.end;
    if (seen.has(at.code)) continue;
    seen.add(at.code);
    if (rows.length >= MAX_LEGAL_ROWS) break;
    if (name === '') rows.push(at.code);
    else if (name.includes(at.code)) rows.push(truncateText(name, 110));
    else if (name.length <= 20) rows.push(`${name} ${at.code}`);
    else rows.push(`${truncateText(name, 90)} (${at.code})`);
  }
  if (rows.length === 0) return [truncateText(text, 200)];
  return rows;
}

/** `ket_qua_xu_ly`: "ResultMã: KQ.G12.001161Result2Mã: …Từ khóa…" followed by the portal's form widgets. */
export function parseResults(raw: string): string[] {
  const text = cleanLine(raw);
  if (isNoInformation(text)) return [];
  const body = text.split(/Từ khóa/u)[0] ?? '';
  return body
    .split(/Mã: ?KQ\.[A-Z]\d+\.\d+/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 2 && !isNoInformation(s))
    .slice(0, 4)
    .map((s) => truncateText(s, 150));
}

/**
 * The catalogue sometimes names another province's office ("Sở Tư pháp Thành phố Hà Nội", "Sở Xây dựng -
 * tỉnh Quảng Ninh"). For a citizen of this province the office is the same kind of office here, so the
 * other province's name is dropped; generic wording ("tỉnh, thành phố") is left alone.
 */
export function generaliseAgency(name: string): string {
  return name
    .replace(/\s*-?\s*(?:tỉnh|Tỉnh|thành phố|Thành phố|TP\.?)\s+\p{Lu}[\p{L}\s]*$/u, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

export function parseAgencies(raw: string): string | undefined {
  const text = cleanLine(raw).replace(/\.$/u, '');
  if (isNoInformation(text)) return undefined;
  const parts = text.split(/,\s*(?=\p{Lu})/u).map(generaliseAgency);
  return [...new Set(parts.filter((p) => p.length > 1))].join(', ');
}

/** Levels "Cấp bộ, Cấp tỉnh, Cấp xã" as a list. */
export function parseLevels(raw: string): string[] {
  return cleanLine(raw)
    .split(/,\s*/u)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
