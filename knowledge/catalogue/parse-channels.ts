import { cleanLine, isNoInformation } from '../text/display-text';
import type { Channel, ChannelName, DurationUnit, Fee } from './procedure-record';

/**
 * `cach_thuc_thuc_hien` is an HTML table flattened into one string, cells run together:
 *   "Hình thức nộpThời gianPhí, lệ phíMô tảTrực tiếp7 Ngày làm việc20,000 Việt Nam Đồng(ghi chú)Mô tả…"
 * Each row is: channel · time limit (number + unit, unit sometimes missing) · fee ("Miễn phí",
 * "Không có thông tin" or an amount) · optional "(fee note)" · free description up to the next row.
 */

const HEADER = 'Hình thức nộpThời gianPhí, lệ phíMô tả';
const CHANNELS: readonly ChannelName[] = ['Trực tiếp', 'Trực tuyến', 'Dịch vụ bưu chính'];
/** A channel name starts a row only when a time cell or "Không…" follows it; in prose it is followed by words. */
const ROW_START = /(Trực tiếp|Trực tuyến|Dịch vụ bưu chính)(?=\d|Không)/gu;
const DURATION = /^(\d+(?:[.,]\d+)?) ?(Ngày làm việc|Ngày|Giờ|Tháng|Năm)?/u;
const UNITS: Record<string, DurationUnit> = {
  'Ngày làm việc': 'ngày làm việc',
  Ngày: 'ngày',
  Giờ: 'giờ',
  Tháng: 'tháng',
  Năm: 'năm',
};
const AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+) ?(Việt Nam Đồng|VNĐ|Đồng|đồng|USD)/u;
const FREE = 'Miễn phí';
const FEE_START = /Miễn phí|Không có thông tin|\d{1,3}(?:,\d{3})+ ?(?:Việt Nam Đồng|VNĐ)/u;
const NO_INFO = 'Không có thông tin';

export interface ChannelParse {
  channels: Channel[];
  /** Why (part of) the cell could not be read; empty when it was read fully. */
  problems: string[];
}

/** Index just past the parenthesis that closes the one at `open`, or -1 if it never closes. */
function closingParen(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(') depth++;
    else if (ch === ')') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function parseAmount(digits: string): number {
  return Number(digits.replace(/[,.]/gu, ''));
}

interface CellRead {
  duration: Channel['duration'];
  fee: Fee;
  /** Where the fee cell ends (before the optional note). */
  end: number;
  problem?: string;
}

/** Reads the time and fee cells that follow a channel name. */
function readTimeAndFee(rest: string): CellRead {
  let pos = 0;
  let duration: Channel['duration'] = null;
  const time = DURATION.exec(rest);
  if (rest.startsWith(NO_INFO)) {
    pos = NO_INFO.length;
  } else if (time) {
    const [whole, value = '', unit] = time;
    const after = rest.slice(whole.length);
    const feeFollows = after.startsWith(FREE) || after.startsWith(NO_INFO) || AMOUNT.test(after);
    if (!unit && !feeFollows) {
      // "1100 VNĐ": the time cell has no unit and runs into the amount; the split is a guess, so do not make it.
      const merged = AMOUNT.exec(rest);
      return {
        duration: null,
        fee: { kind: 'unparsed', text: merged ? merged[0] : whole },
        end: merged ? merged[0].length : whole.length,
        problem: 'time without unit runs into the fee amount',
      };
    }
    duration = unit
      ? { value: Number(value.replace(',', '.')), unit: UNITS[unit] ?? 'ngày' }
      : { value: Number(value.replace(',', '.')), unit: null };
    pos = whole.length;
  } else {
    // Words in the time cell ("Không phải trả kết quả cho người nộp thuế"): no time limit; the fee cell
    // follows the words when there is one nearby, otherwise the row is a description only.
    const fee = FEE_START.exec(rest.slice(0, 160));
    if (!fee) return { duration: null, fee: { kind: 'unknown' }, end: 0 };
    pos = fee.index;
  }
  const feeText = rest.slice(pos);
  if (feeText.startsWith(FREE)) return { duration, fee: { kind: 'free' }, end: pos + FREE.length };
  if (feeText.startsWith(NO_INFO)) return { duration, fee: { kind: 'unknown' }, end: pos + NO_INFO.length };
  const amount = AMOUNT.exec(feeText);
  if (amount) {
    return {
      duration,
      fee: {
        kind: 'amount',
        amount: parseAmount(amount[1] ?? ''),
        currency: amount[2] === 'USD' ? 'USD' : 'VND',
        text: amount[0],
      },
      end: pos + amount[0].length,
    };
  }
  return { duration, fee: { kind: 'unknown' }, end: pos, problem: 'fee cell not recognised' };
}

/** Fee notes that add nothing ("(Không)", "(Không quy định)") are dropped. */
function meaningfulNote(note: string): string | undefined {
  let t = cleanLine(note);
  // "((Miễn lệ phí…))": the portal sometimes wraps the note twice.
  while (t.startsWith('(') && closingParen(t, 0) === t.length) t = t.slice(1, -1).trim();
  if (isNoInformation(t)) return undefined;
  if (/^(không quy định|không thu|không có|không)\.?$/iu.test(t)) return undefined;
  return t;
}

export function parseChannels(raw: string): ChannelParse {
  const text = cleanLine(raw);
  const problems: string[] = [];
  if (isNoInformation(text)) return { channels: [], problems };
  let body = text;
  if (body.startsWith(HEADER)) body = body.slice(HEADER.length);
  else problems.push('table header missing');

  const channels: Channel[] = [];
  let pos = 0;
  const first = CHANNELS.find((c) => body.startsWith(c));
  if (!first) {
    problems.push('no channel at the start of the table');
    return { channels, problems };
  }
  while (pos < body.length) {
    const name = CHANNELS.find((c) => body.startsWith(c, pos));
    if (!name) break;
    const cellStart = pos + name.length;
    const rest = body.slice(cellStart);
    const read = readTimeAndFee(rest);
    if (read.problem) problems.push(`${name}: ${read.problem}`);
    let cursor = cellStart + read.end;
    let note: string | undefined;
    if (body[cursor] === '(') {
      const close = closingParen(body, cursor);
      if (close > 0) {
        note = meaningfulNote(body.slice(cursor + 1, close - 1));
        cursor = close;
      }
    }
    ROW_START.lastIndex = cursor;
    const next = ROW_START.exec(body);
    const descEnd = next ? next.index : body.length;
    const description = cleanLine(body.slice(cursor, descEnd));
    const channel: Channel = { channel: name, duration: read.duration, fee: read.fee };
    if (note) channel.fee = { ...channel.fee, note };
    if (description && !isNoInformation(description)) channel.description = description;
    channels.push(channel);
    pos = descEnd;
  }
  if (pos < body.length) problems.push('text left after the last row');
  return { channels, problems };
}
