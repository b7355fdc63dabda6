import { cleanLine, isNoInformation } from '../text/display-text';
import type { DocumentGroup, DocumentItem } from './procedure-record';

/**
 * `thanh_phan_ho_so` is one or more flattened tables, each announced by the header cells
 * "Tên giấy tờMẫu đơn, tờ khaiSố lượng" and optionally preceded by the case it applies to:
 *   "(iii) Đối với …: Tên giấy tờMẫu đơn, tờ khaiSố lượng- Văn bản đề nghị …Mau07.docx1 bản chính- Hóa đơn…1 bản chính"
 * A row is: document name · optional template file name · quantity ("1 bản chính", "0 bản chính,1 bản sao").
 */

const HEADER = 'Tên giấy tờMẫu đơn, tờ khaiSố lượng';
/**
 * The quantity cell. The portal writes counts without leading zeros and the next row starts right
 * after it; "nộp 01 bản sao có chứng thực" inside a name is prose, not a cell.
 */
const QUANTITY = /(\d+) bản (chính|sao)(?:,(\d+) bản sao)?(?! \p{Ll})/gu;
const FORM_FILE = /\.(docx?|pdf|xlsx?|rar|zip)$/iu;
const MAX_NAME = 140;
/** The chat lists a few documents and points to the source for the rest; the count of the others is kept. */
const MAX_ITEMS = 15;

export interface DocumentsParse {
  groups: DocumentGroup[];
  /** Prose kept when there is no table to read. */
  text?: string;
  problems: string[];
}

/**
 * The template file name is glued to the document name ("…theo mẫu thống nhấtMẫu TP-LS-02.docx"):
 * it starts at the earliest glue point (lower case or punctuation directly followed by a capital, or a
 * letter directly followed by a digit) among the last characters before the extension.
 */
function splitForm(cell: string): { name: string; form?: string } {
  if (!FORM_FILE.test(cell)) return { name: cell };
  const windowStart = Math.max(1, cell.length - 80);
  const glue = /(?<=[\p{Ll}.;:)\]])(?=\p{Lu})|(?<=\p{L})(?=\d)/gu;
  glue.lastIndex = windowStart;
  const match = glue.exec(cell);
  if (!match) return { name: cell };
  return { name: cell.slice(0, match.index), form: cell.slice(match.index) };
}

function tidyName(name: string): string {
  const t = cleanLine(name)
    .replace(/^[\s\-+•*–]+/u, '')
    .replace(/^(?:[a-zđ]|\d{1,2}|[ivx]{1,4})[.)]\s*/u, '')
    .replace(/[\s;,:]+$/u, '');
  return t.length > MAX_NAME ? `${t.slice(0, MAX_NAME - 1).trimEnd()}…` : t;
}

/** Splits the digits glued in front of a count ("ngày 24/7/20231 bản chính"): the count is the last digit. */
function splitCount(digits: string): { spill: string; count: number } {
  if (digits.length === 1) return { spill: '', count: Number(digits) };
  return { spill: digits.slice(0, -1), count: Number(digits.slice(-1)) };
}

function parseRows(segment: string): { items: DocumentItem[]; tail: string } {
  const items: DocumentItem[] = [];
  let start = 0;
  QUANTITY.lastIndex = 0;
  for (let m = QUANTITY.exec(segment); m; m = QUANTITY.exec(segment)) {
    const [whole, firstDigits = '', kind, copyDigits] = m;
    if (firstDigits.length === 2 && firstDigits.startsWith('0')) continue; // "01 bản sao …" is prose
    const { spill, count } = splitCount(firstDigits);
    const cell = segment.slice(start, m.index) + spill;
    const { name, form } = splitForm(cell);
    const tidy = tidyName(name);
    if (tidy.length >= 2) {
      const item: DocumentItem = { name: tidy };
      if (form) item.form = cleanLine(form);
      if (kind === 'chính') item.originals = count;
      else item.copies = count;
      if (copyDigits !== undefined) item.copies = Number(copyDigits);
      items.push(item);
    }
    start = m.index + whole.length;
  }
  return { items, tail: segment.slice(start) };
}

function headingOf(text: string): string | undefined {
  const t = cleanLine(text)
    .replace(/^[\s\-–*•]+/u, '')
    .replace(/[\s:;,.]+$/u, '')
    .trim();
  if (t.length < 3 || isNoInformation(t)) return undefined;
  return t.length > MAX_NAME ? `${t.slice(0, MAX_NAME - 1).trimEnd()}…` : t;
}

export function parseDocuments(raw: string): DocumentsParse {
  const text = cleanLine(raw);
  if (isNoInformation(text)) return { groups: [], problems: [] };
  const parts = text.split(HEADER);
  if (parts.length === 1) {
    return { groups: [], text: text.slice(0, 1200), problems: ['no document table'] };
  }
  const problems: string[] = [];
  const groups: DocumentGroup[] = [];
  let heading = headingOf(parts[0] ?? '');
  for (const segment of parts.slice(1)) {
    const { items, tail } = parseRows(segment);
    const group: DocumentGroup = { items: items.slice(0, MAX_ITEMS) };
    if (items.length > MAX_ITEMS) group.more = items.length - MAX_ITEMS;
    if (heading) group.heading = heading;
    if (items.length > 0) groups.push(group);
    else problems.push('table without readable rows');
    heading = headingOf(tail);
  }
  return { groups, problems };
}
