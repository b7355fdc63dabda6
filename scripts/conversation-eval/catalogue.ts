import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  contentTokens,
  type Duration,
  type DurationUnit,
  durationsIn,
  fold,
  isoFromVietnamese,
  type Money,
  moneyIn,
  sameMoney,
} from './text';

/**
 * The national catalogue record as published (../shared/data/tthc/procedures.jsonl), read here
 * directly: the evaluation checks the engine's facts against the record itself, not against the
 * knowledge base the engine built from it.
 */
export const CatalogueRecordSchema = z.object({
  ma_thu_tuc: z.string(),
  ten_thu_tuc: z.string(),
  detail_url: z.string(),
  cap_thuc_hien: z.string().default(''),
  co_quan_thuc_hien: z.string().default(''),
  co_quan_co_tham_quyen: z.string().default(''),
  dia_chi_tiep_nhan: z.string().default(''),
  trinh_tu_thuc_hien: z.string().default(''),
  cach_thuc_thuc_hien: z.string().default(''),
  thanh_phan_ho_so: z.string().default(''),
});
export type CatalogueRecord = z.infer<typeof CatalogueRecordSchema>;

export const DEFAULT_CATALOGUE = new URL('../../../shared/data/tthc/procedures.jsonl', import.meta.url);

export interface Catalogue {
  byCode: Map<string, CatalogueRecord>;
  /** detail_url → code, to read which record a reply's source link cites. */
  byUrl: Map<string, string>;
}

export function loadCatalogue(path: string | URL = DEFAULT_CATALOGUE): Catalogue {
  const byCode = new Map<string, CatalogueRecord>();
  const byUrl = new Map<string, string>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const raw = CatalogueRecordSchema.parse(JSON.parse(line));
    const record = Object.fromEntries(
      Object.entries(raw).map(([k, v]) => [k, typeof v === 'string' ? v.normalize('NFC') : v]),
    ) as CatalogueRecord;
    byCode.set(record.ma_thu_tuc, record);
    byUrl.set(record.detail_url, record.ma_thu_tuc);
  }
  return { byCode, byUrl };
}

/** A time-bounded rule in a fee note: "Kể từ ngày 01/7/2025 đến hết ngày 31/12/2026 … bằng 50% …". */
export interface FeePeriod {
  from: string;
  to: string;
  percent?: number;
  amounts: Money[];
  /** Applies only to dossiers submitted online. */
  onlineOnly: boolean;
  text: string;
}

export interface FeeFacts {
  /** Every amount the record names, in any row or note. */
  listed: Money[];
  /** Amounts that are the fee on the given day (reductions applied, expired rates left out). */
  valid: Money[];
  /** Amounts that only a period no longer (or not yet) in force names. */
  stale: Money[];
  /** Reductions in force on the day, e.g. 50 (%), with their end date. */
  activePercents: { percent: number; to: string }[];
  free: boolean;
  /** The note says the provincial council (HĐND) sets the amount. */
  setByCouncil: boolean;
  /** Amounts that apply at a Vietnamese mission abroad (cơ quan đại diện). */
  abroad: Money[];
  noInformation: boolean;
}

const PERIOD =
  /ke tu ngay (\d{1,2})\/(\d{1,2})\/(\d{4}) den (?:het )?ngay (\d{1,2})\/(\d{1,2})\/(\d{4})([^.;)]*(?:\.\d{3}[^.;)]*)*)/gu;

export function feePeriods(record: CatalogueRecord): FeePeriod[] {
  const text = fold(record.cach_thuc_thuc_hien);
  const periods: FeePeriod[] = [];
  const seen = new Set<string>();
  for (const m of text.matchAll(PERIOD)) {
    const [, d1, m1, y1, d2, m2, y2, rest = ''] = m;
    const key = `${d1}/${m1}/${y1}-${d2}/${m2}/${y2}${rest}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const percent = /bang (\d{1,3})\s*%/u.exec(rest)?.[1];
    periods.push({
      from: isoFromVietnamese(d1 ?? '', m1 ?? '', y1 ?? ''),
      to: isoFromVietnamese(d2 ?? '', m2 ?? '', y2 ?? ''),
      ...(percent ? { percent: Number(percent) } : {}),
      amounts: moneyIn(rest),
      onlineOnly: /truc tuye/u.test(rest) || /truc tuye[a-z]*\s*:?\s*$/u.test(text.slice(0, m.index ?? 0)),
      text: m[0],
    });
  }
  return periods;
}

const uniqueMoney = (list: Money[]) => list.filter((m, i) => list.findIndex((n) => sameMoney(m, n)) === i);

/** The fee facts of a record on a calendar day (YYYY-MM-DD, Vietnam). */
export function feeFacts(record: CatalogueRecord, today: string): FeeFacts {
  const raw = record.cach_thuc_thuc_hien;
  const folded = fold(raw);
  const periods = feePeriods(record);
  const inForce = (p: FeePeriod) => p.from <= today && today <= p.to;
  const listed = uniqueMoney(moneyIn(raw));
  const inPeriods = periods.flatMap((p) => p.amounts);
  const base = listed.filter((m) => !inPeriods.some((n) => sameMoney(m, n)));
  const stale = uniqueMoney(
    periods
      .filter((p) => !inForce(p))
      .flatMap((p) => p.amounts)
      .filter((m) => !base.some((n) => sameMoney(m, n))),
  );
  const active = periods.filter(inForce);
  const activePercents = active.flatMap((p) =>
    p.percent !== undefined ? [{ percent: p.percent, to: p.to }] : [],
  );
  // A reduction in force for every channel replaces the listed rate; one for online only adds a rate.
  const general = active.find((p) => p.percent !== undefined && !p.onlineOnly);
  const reduced = active.flatMap((p) =>
    p.percent !== undefined
      ? base.map((m) => ({ value: Math.round((m.value * (p.percent ?? 100)) / 100), currency: m.currency }))
      : p.amounts,
  );
  const valid = uniqueMoney([...(general ? [] : base), ...reduced]);
  const abroad = uniqueMoney(
    [...raw.matchAll(/[Tt]ại cơ quan đại diện[^.;]*/gu)].flatMap((m) => moneyIn(m[0])),
  );
  const feeCells = [...folded.matchAll(/(mien phi|khong co thong tin)/gu)].length;
  return {
    listed,
    valid,
    stale,
    activePercents,
    free: listed.length === 0 && /mien phi|mien le phi/u.test(folded),
    setByCouncil: /hoi dong nhan dan|hdnd/u.test(folded),
    abroad,
    noInformation: listed.length === 0 && feeCells > 0 && !/mien phi/u.test(folded),
  };
}

const CHANNELS = ['Trực tiếp', 'Trực tuyến', 'Dịch vụ bưu chính'];
const UNIT: Record<string, DurationUnit> = {
  'ngày làm việc': 'ngay',
  ngày: 'ngay',
  'giờ làm việc': 'gio',
  giờ: 'gio',
  tháng: 'thang',
  năm: 'nam',
};

/** Time limits: the table's cells (a bare number is a number of days) and "trong thời hạn 03 ngày…" in the steps. */
export function durationFacts(record: CatalogueRecord): Duration[] {
  const out: Duration[] = [];
  const table = record.cach_thuc_thuc_hien;
  const cell = new RegExp(
    `(?:${CHANNELS.join('|')})(\\d{1,3})(?:\\s*(Ngày làm việc|Ngày|Giờ làm việc|Giờ|Tháng|Năm))?`,
    'gu',
  );
  for (const m of table.matchAll(cell)) {
    const unit = m[2] ? UNIT[m[2].toLowerCase()] : undefined;
    out.push({ value: Number(m[1]), ...(unit ? { unit } : {}) });
  }
  const prose = `${record.trinh_tu_thuc_hien}\n${table}`;
  for (const m of fold(prose).matchAll(
    /(?:thoi han|thoi gian|khong qua|trong vong|trong)\s+(?:giai quyet\s+)?(?:la\s+)?(\d{1,3})\s*(ngay|gio|thang)\b/gu,
  )) {
    out.push({ value: Number(m[1]), unit: m[2] as DurationUnit });
  }
  // "05 ngày làm việc kể từ ngày nhận được hồ sơ": a time limit wherever the record puts it.
  for (const m of fold(prose).matchAll(/(\d{1,3})\s*(ngay|gio|thang)(?: lam viec)?,? (?:ke tu|tinh tu)/gu)) {
    out.push({ value: Number(m[1]), unit: m[2] as DurationUnit });
  }
  return out.filter((d, i) => out.findIndex((e) => e.value === d.value && e.unit === d.unit) === i);
}

export { durationsIn };

/** Names of the documents the record lists (the table is flattened: "<name>…1 bản chính<name>…"). */
export function documentNames(record: CatalogueRecord): string[] {
  return record.thanh_phan_ho_so
    .replace(/Tên giấy tờMẫu đơn, tờ khaiSố lượng/gu, '\n')
    .split(/\d+\s*bản (?:chính|sao)(?:\s*,\s*\d+\s*bản (?:chính|sao))*|\n/u)
    .map((s) => s.replace(/^[\s*+\-–•]+/u, '').trim())
    .filter((s) => contentTokens(s).length >= 2);
}

/** Agencies that receive or decide the dossier, as the record names them. */
export function agencyNames(record: CatalogueRecord): string[] {
  const fields = [record.co_quan_thuc_hien, record.dia_chi_tiep_nhan, record.co_quan_co_tham_quyen];
  return (
    fields
      // "Công an cấp Xã, Cục cảnh sát giao thông" lists two agencies; "xã, phường, thị trấn" is one.
      .flatMap((f) => f.split(/[;\n]|,\s*(?=\p{Lu})/u))
      .map((s) => s.trim())
      .filter((s) => s.length > 2 && !/không có thông tin/iu.test(s))
  );
}

export function hasOnlineChannel(record: CatalogueRecord): boolean {
  return /Trực tuyến(?:\d|Không có thông tin)/u.test(record.cach_thuc_thuc_hien);
}
