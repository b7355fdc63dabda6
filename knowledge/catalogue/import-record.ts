import {
  canonicalText,
  cleanLine,
  cleanText,
  isNoInformation,
  stripPortalWidgets,
  truncateText,
} from '../text/display-text';
import { wholeSentences } from '../text/sentences';
import { parseChannels } from './parse-channels';
import { parseDocuments } from './parse-documents';
import { parseAgencies, parseLegalBasis, parseLevels, parseResults, parseSteps } from './parse-text-fields';
import type { Channel, DurationUnit, ProcedureRecord } from './procedure-record';
import { ORIGINAL_FIELDS, type OriginalTexts, type SourceRecord } from './source-record';

/** The catalogue snapshot date (../shared/data/README.md): what `checkedAt` means for imported records. */
export const CATALOGUE_SNAPSHOT_DATE = '2026-07-17';

const MAX_DESCRIPTION = 400;
/** Long enough for the dated rates that close many fee notes (read by facts/fee-schedule.ts). */
const MAX_FEE_NOTE = 1200;
const MAX_DURATION_NOTE = 240;
const MAX_CONDITIONS = 700;
const MAX_AUDIENCE = 300;

export interface ImportedRecord {
  record: ProcedureRecord;
  originals: OriginalTexts;
  /** Parse problems, "field: what", for the import report. */
  problems: string[];
}

function optionalLine(raw: string, max = 600): string | undefined {
  const t = cleanLine(raw);
  return isNoInformation(t) ? undefined : truncateText(t, max);
}

/**
 * A receiving address at province or commune level is another province's office (the catalogue was
 * gathered province by province); only a ministry-level address is the same for every citizen.
 */
function receivingAddress(raw: string, levels: string[]): string | undefined {
  const onlyMinistry = levels.length > 0 && levels.every((l) => l === 'Cấp bộ');
  return onlyMinistry ? optionalLine(raw, 300) : undefined;
}

export function importRecord(source: SourceRecord): ImportedRecord {
  const problems: string[] = [];
  const channels = parseChannels(source.cach_thuc_thuc_hien);
  problems.push(...channels.problems.map((p) => `cach_thuc_thuc_hien: ${p}`));
  const documents = parseDocuments(source.thanh_phan_ho_so);
  problems.push(...documents.problems.map((p) => `thanh_phan_ho_so: ${p}`));
  const levels = parseLevels(source.cap_thuc_hien);
  const conditions = cleanText(stripPortalWidgets(source.yeu_cau_dieu_kien));

  const record: ProcedureRecord = {
    code: source.ma_thu_tuc.trim(),
    title: cleanLine(source.ten_thu_tuc),
    levels,
    field: cleanLine(source.linh_vuc),
    ministry: source.source_folder,
    decision: optionalLine(source.so_quyet_dinh),
    agencies: parseAgencies(source.co_quan_thuc_hien),
    authority: parseAgencies(source.co_quan_co_tham_quyen),
    receivingAddress: receivingAddress(source.dia_chi_tiep_nhan, levels),
    audience: optionalLine(source.doi_tuong_thuc_hien, MAX_AUDIENCE),
    channels: channels.channels.map((c) => ({
      ...c,
      fee: c.fee.note ? { ...c.fee, note: truncateText(c.fee.note, MAX_FEE_NOTE) } : c.fee,
      ...(c.description ? { description: truncateText(c.description, MAX_DESCRIPTION) } : {}),
    })),
    documentGroups: documents.groups,
    documentsText: documents.text,
    steps: parseSteps(source.trinh_tu_thuc_hien),
    durationNote: undefined,
    conditions: isNoInformation(conditions) ? undefined : truncateText(conditions, MAX_CONDITIONS),
    results: parseResults(source.ket_qua_xu_ly),
    legalBasis: parseLegalBasis(source.can_cu_phap_ly),
    sourceUrl: source.detail_url.trim(),
    checkedAt: CATALOGUE_SNAPSHOT_DATE,
  };
  if (record.steps.length === 0) problems.push('trinh_tu_thuc_hien: no steps');
  const prose = `${source.cach_thuc_thuc_hien}\n${source.trinh_tu_thuc_hien}`;
  record.channels = record.channels.map((c) => withUnitFromProse(c, prose));
  if (!record.channels.some((c) => c.duration?.unit))
    record.durationNote = durationSentence(source.trinh_tu_thuc_hien);

  const originals: OriginalTexts = { code: record.code };
  for (const field of ORIGINAL_FIELDS) {
    const text = cleanText(source[field]);
    if (!isNoInformation(text)) originals[field] = text;
  }
  return { record: dropUndefined(record), originals, problems };
}

const UNIT_WORDS: readonly [RegExp, DurationUnit][] = [
  [/^ngày làm việc/iu, 'ngày làm việc'],
  [/^ngày/iu, 'ngày'],
  [/^giờ/iu, 'giờ'],
  [/^tháng/iu, 'tháng'],
  [/^năm/iu, 'năm'],
];

/**
 * A channel row with a bare number ("1") takes its unit from the record's own prose when the same
 * number is written there with one ("Thời hạn giải quyết: Không quá 01 ngày làm việc"); otherwise the
 * number stays without a unit (shown as such, never guessed).
 */
function withUnitFromProse(channel: Channel, prose: string): Channel {
  const duration = channel.duration;
  if (!duration || duration.unit !== null) return channel;
  const said = new RegExp(`(?<![\\d.,])0*${duration.value}\\s+(ngày làm việc|ngày|giờ|tháng|năm)`, 'iu').exec(
    canonicalText(prose),
  );
  const unit = said ? UNIT_WORDS.find(([pattern]) => pattern.test(said[1] ?? ''))?.[1] : undefined;
  return unit ? { ...channel, duration: { ...duration, unit } } : channel;
}

const TIME_LIMIT =
  /(?:trong\s+(?:thời\s+hạn|vòng)|thời\s+hạn\s+giải\s+quyết|không\s+quá)\s+(?:không\s+quá\s+)?\d+\s+(?:ngày làm việc|ngày|giờ|tháng)/iu;

/**
 * Whether a steps sentence with a time limit states how long the authority takes on the citizen's
 * dossier, not another deadline written in the same steps. A limit counted from something else
 * ("kể từ ngày nhận được yêu cầu xác minh, UBND cấp xã … gửi kết quả về tình trạng hôn nhân", in the
 * steps of birth registration; "kể từ ngày thanh toán hết các khoản nợ") or one the applicant must
 * keep ("trong thời hạn 07 ngày sau khi hoàn tất …, công ty … phải thông báo") is not the answer to
 * "bao lâu có kết quả". Counted from the dossier, the papers or the applicant's request it is, and so
 * is a sentence that says nothing else ("Trong thời hạn 10 ngày làm việc.") or that names the dossier
 * or its result.
 */
const FROM_THE_APPLICATION =
  /hồ\s+sơ|giấy\s+tờ|tờ\s+khai|(?:văn\s+bản|giấy)\s+đề\s+nghị|(?<!\p{L})đơn(?!\p{L})|khiếu\s+nại|(?:đề\s+nghị|yêu\s+cầu)\s+(?:hợp\s+lệ\s+)?(?:của\s+)?(?:người|tổ\s+chức|cá\s+nhân|doanh\s+nghiệp|công\s+dân)/iu;
const ABOUT_THE_DOSSIER = /hồ\s+sơ|trả\s+kết\s+quả|giải\s+quyết/iu;
const BARE_LIMIT_MAX = 60;
function statesProcessingTime(sentence: string): boolean {
  const limit = TIME_LIMIT.exec(sentence);
  if (!limit) return false;
  const counted = /(?:kể|tính)\s+từ\s+([^,.;]*)/iu.exec(sentence.slice(limit.index + limit[0].length));
  if (counted) return FROM_THE_APPLICATION.test(counted[1] ?? '');
  return sentence.length <= BARE_LIMIT_MAX || ABOUT_THE_DOSSIER.test(sentence);
}

/** The first whole sentence of the steps that states the authority's time limit on the dossier. */
export function durationSentence(steps: string): string | undefined {
  const sentences = canonicalText(steps)
    .split(/(?<=[.;])\s+|\n+/u)
    .map((s) =>
      s
        .replace(/^[-–+•*\s]+/u, '')
        .replace(/^Bước\s*\d+\s*[:.)-]?\s*/iu, '')
        .trim(),
    );
  const found = sentences.find(statesProcessingTime);
  if (!found) return undefined;
  // A sentence too long to show whole is reduced to its time-limit clause ("trong thời hạn 03 ngày
  // làm việc kể từ ngày nhận hồ sơ"), which is complete on its own.
  return wholeSentences(found, MAX_DURATION_NOTE) ?? timeLimitClause(found);
}

function timeLimitClause(sentence: string): string | undefined {
  const match = new RegExp(`${TIME_LIMIT.source}(?:\\s+kể\\s+từ[^,.;]*)?`, 'iu').exec(sentence);
  if (!match) return undefined;
  const clause = match[0].trim();
  return `${clause.charAt(0).toUpperCase()}${clause.slice(1)}.`;
}

/** JSON output without `"key": undefined` noise, so the committed file stays small and stable. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
