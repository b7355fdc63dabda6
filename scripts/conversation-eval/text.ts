/**
 * Text helpers of the conversation evaluation. Written apart from the engine's own normaliser on
 * purpose: the evaluation must not share code (and so mistakes) with what it measures.
 */

/** Lower case, no marks, "đ" → "d", NFC, single spaces. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** Folded word tokens (letters and digits). */
export function tokens(text: string): string[] {
  return fold(text).match(/[a-z0-9]+/gu) ?? [];
}

/** Words that carry no content when comparing names of documents or agencies. */
const STOP = new Set(
  (
    'va cua cho cac nhung trong tai theo ve voi hoac duoc la co khong mot ban chinh sao so thi neu ' +
    'truong hop doi nguoi nay do de tu den khi da se can phai ma nhu tren duoi ve bang'
  ).split(' '),
);

export function contentTokens(text: string): string[] {
  return tokens(text).filter((t) => t.length >= 2 && !STOP.has(t) && !/^\d+$/u.test(t));
}

/** Share of `part`'s content tokens found in `whole` (0 when `part` has none). */
export function containedShare(part: string, whole: string): number {
  const p = contentTokens(part);
  if (p.length === 0) return 0;
  const w = new Set(tokens(whole));
  return p.filter((t) => w.has(t)).length / p.length;
}

export interface Money {
  value: number;
  currency: 'VND' | 'USD';
}

/**
 * Amounts of money in a text: "70,000 Việt Nam Đồng", "35.000 đồng", "35.000đ", "35k", "70 nghìn",
 * "10 USD". Plain numbers without a unit are not money.
 */
export function moneyIn(text: string): Money[] {
  const out: Money[] = [];
  const t = fold(text);
  const pattern =
    /(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(viet nam dong|vnd|dong|d\b|k\b|nghin|ngan|trieu|usd|do la my|\$)/gu;
  for (const m of t.matchAll(pattern)) {
    const digits = (m[1] ?? '').replace(/[.,]/gu, '');
    let value = Number(digits);
    const unit = m[2] ?? '';
    if (!Number.isFinite(value)) continue;
    if (unit === 'k' || unit === 'nghin' || unit === 'ngan') value *= 1000;
    if (unit === 'trieu') value *= 1_000_000;
    const currency = unit === 'usd' || unit === 'do la my' || unit === '$' ? 'USD' : 'VND';
    // "ngày 01/7/2025 đ…" style accidents: a VND amount below 100 is not a fee anyone states.
    if (currency === 'VND' && value < 100) continue;
    out.push({ value, currency });
  }
  return out;
}

export const sameMoney = (a: Money, b: Money) => a.value === b.value && a.currency === b.currency;
export const formatMoney = (m: Money) =>
  m.currency === 'USD' ? `${m.value} USD` : `${m.value.toLocaleString('vi-VN')} đồng`;

export type DurationUnit = 'ngay' | 'gio' | 'thang' | 'nam';

export interface Duration {
  value: number;
  /** Undefined when the catalogue gives a bare number. */
  unit?: DurationUnit;
}

/** "7 ngày làm việc", "03 ngày", "24 giờ", "02 tháng" in a text. */
export function durationsIn(text: string): Duration[] {
  const out: Duration[] = [];
  for (const m of fold(text).matchAll(/(\d{1,3})\s*(ngay|gio|thang|nam)\b/gu)) {
    out.push({ value: Number(m[1]), unit: m[2] as DurationUnit });
  }
  return out;
}

/** Whether a text reads as cut off: "…" or "..." right after a word, or an unclosed bracket. */
export function looksTruncated(text: string): boolean {
  for (const line of text.split('\n')) {
    if (/[\p{L}\p{N},;:]\s?(…|\.\.\.)/u.test(line)) return true;
    const open = (line.match(/\(/gu) ?? []).length;
    const close = (line.match(/\)/gu) ?? []).length;
    if (open > close) return true;
  }
  return false;
}

/** Day-month-year from "01/7/2025" → a comparable YYYY-MM-DD string. */
export function isoFromVietnamese(d: string, m: string, y: string): string {
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}
