import { feeSchedule, feeText } from '../facts/fee-schedule';
import type { Aspects } from '../schema';
import { truncateText } from '../text/display-text';
import { vietnameseNumber } from '../text/vietnamese-number';
import type { Channel, DocumentGroup, DocumentItem, ProcedureRecord } from './procedure-record';

/**
 * Chat-ready Vietnamese text of each aspect of a catalogue procedure, built from the parsed record.
 * Only facts the record holds are written; an aspect the record does not know is left out, and the
 * answer composer then says plainly that it is not known.
 */

const BUDGET = 460;
const ITEM_MAX = 110;

function channelLabel(channel: Channel['channel']): string {
  return channel === 'Dịch vụ bưu chính' ? 'Qua bưu chính' : channel;
}

/** Lines under a budget: stops before the line that would overflow and says how many were left out. */
function fitLines(lines: string[], budget: number, more: (left: number) => string): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const [i, line] of lines.entries()) {
    if (used + line.length + 1 > budget && kept.length > 0) {
      kept.push(more(lines.length - i));
      return kept;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return kept;
}

function quantity(item: DocumentItem): string {
  const parts: string[] = [];
  if (item.originals) parts.push(`${item.originals} bản chính`);
  if (item.copies) parts.push(`${item.copies} bản sao`);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
}

/**
 * A long document name or case heading, shortened at a clause boundary ("Tờ khai…, kèm theo…" →
 * "Tờ khai") so that nothing reads as cut mid-sentence; a name with no boundary early enough keeps
 * its first words and the pointer to the source.
 */
export function shortName(text: string, max: number): string {
  const clean = text
    .replace(/[.;:,]+$/u, '')
    .replace(/…$/u, '')
    .trim();
  if (clean.length <= max && !text.trim().endsWith('…')) return clean;
  const head = clean.slice(0, max);
  const cut = Math.max(
    head.lastIndexOf(', '),
    head.lastIndexOf('; '),
    head.lastIndexOf(' ('),
    head.lastIndexOf(': '),
  );
  if (cut >= 20) return clean.slice(0, cut).trim();
  return `${truncateText(clean, max).replace(/…$/u, '')} (xem đầy đủ tại nguồn)`;
}

function documentLines(group: DocumentGroup): string[] {
  return group.items.map((item) => `• ${shortName(item.name, ITEM_MAX)}${quantity(item)}`);
}

export function renderDocuments(record: ProcedureRecord): string | undefined {
  const groups = record.documentGroups;
  if (groups.length === 0) {
    return record.documentsText ? `Hồ sơ: ${truncateText(record.documentsText, BUDGET - 10)}` : undefined;
  }
  const more = (left: number) => `… và ${left} mục khác (xem đầy đủ tại nguồn).`;
  if (groups.length === 1) {
    const [group] = groups;
    if (!group) return undefined;
    const extra = group.more ?? 0;
    const lines = fitLines(documentLines(group), BUDGET, (left) => more(left + extra));
    if (extra > 0 && !lines.at(-1)?.startsWith('…')) lines.push(more(extra));
    return [group.heading ? `${shortName(group.heading, 120)}:` : 'Hồ sơ gồm:', ...lines].join('\n');
  }
  const lines: string[] = [`Hồ sơ tùy từng trường hợp (${groups.length} trường hợp), ví dụ:`];
  for (const group of groups) {
    lines.push(group.heading ? `▸ ${shortName(group.heading, 90)}:` : '▸ Trường hợp khác:');
    lines.push(...documentLines(group));
  }
  const total = groups.reduce((n, g) => n + g.items.length + 1 + (g.more ?? 0), 0) + 1;
  return fitLines(
    lines,
    BUDGET,
    (left) => `… và các mục khác (${Math.max(1, total - (lines.length - left))} mục, xem đầy đủ tại nguồn).`,
  ).join('\n');
}

/** Per-channel values, merged into one line when every channel says the same. */
function perChannel(channels: Channel[], value: (c: Channel) => string | undefined): string[] | undefined {
  const rows = channels
    .map((c) => ({ label: channelLabel(c.channel), text: value(c) }))
    .filter((r): r is { label: string; text: string } => r.text !== undefined);
  if (rows.length === 0) return undefined;
  const distinct = [...new Set(rows.map((r) => r.text))];
  if (distinct.length === 1 && rows.length === channels.length) return [distinct[0] ?? ''];
  // Some records hold one table per case, so the same channel can come back with another value.
  return [...new Set(rows.map((r) => `• ${r.label}: ${r.text}`))];
}

/** The fee with every dated rate listed; the chat restates it for the day asked (answer.ts). */
export function renderFee(record: ProcedureRecord): string | undefined {
  const schedule = feeSchedule(record);
  return schedule ? feeText(schedule) : undefined;
}

function durationText(channel: Channel): string | undefined {
  const d = channel.duration;
  if (!d || d.unit === null) return undefined;
  const plain = `${vietnameseNumber(d.value)} ${d.unit}`;
  const desc = channel.description;
  // The description often restates the limit with its starting point ("18 ngày, kể từ ngày nhận đủ hồ sơ").
  if (desc && desc.length <= 160 && desc.startsWith(`${d.value} `) && /kể từ/u.test(desc)) {
    return desc.replace(/[.;]+$/u, '');
  }
  return plain;
}

/**
 * "1" with no unit anywhere in the record: the portal's time column counts days, so the number is
 * said as days, with a plain note that the record does not say whether they are working days.
 */
function bareDuration(record: ProcedureRecord): string | undefined {
  const bare = record.channels.find((c) => c.duration && c.duration.unit === null)?.duration;
  if (!bare) return undefined;
  return `Thời hạn giải quyết: ${vietnameseNumber(bare.value)} ngày (Cổng DVC quốc gia ghi con số này, không ghi rõ ngày làm việc hay ngày lịch; vui lòng xem chi tiết tại liên kết bên dưới).`;
}

/**
 * The case a channel row's time limit is for, from its description: "+ Cấp mới biển số xe trúng đấu
 * giá, đổi biển số xe…: Không quá 07 ngày làm việc" → "Cấp mới biển số xe trúng đấu giá, đổi biển số
 * xe…". The "+ case: …" segment that states the row's number, else the only such segment.
 */
export function durationCase(channel: Channel, channelLabels: readonly string[] = []): string | undefined {
  const d = channel.duration;
  const desc = channel.description;
  if (!d || !desc) return undefined;
  const generic = new Set(
    [...channelLabels, 'Cách thức thực hiện', 'Thời hạn giải quyết'].map((l) => l.toLowerCase()),
  );
  const segments = [...desc.matchAll(/(?:^|[+•])\s*([^:+•;.()]{3,90}):\s*([^+•]*)/gu)]
    .map((m) => ({ label: (m[1] ?? '').replace(/^[-–\s]+/u, '').trim(), body: m[2] ?? '' }))
    .filter((seg) => seg.label.length >= 3 && !generic.has(seg.label.toLowerCase()));
  const number = new RegExp(`(?<![\\d,.])0?${d.value}(?![\\d,])`, 'u');
  const stating = segments.filter((seg) => number.test(seg.body));
  const chosen = stating.length === 1 ? stating[0] : segments.length === 1 ? segments[0] : undefined;
  return chosen ? shortName(chosen.label, 90) : undefined;
}

/**
 * Time limits per channel. A record that holds one table per case gives the same channel several
 * limits ("Trực tiếp: 7 ngày làm việc", "Trực tiếp: 1 giờ"…): each is then named by its case where the
 * description says it, since a list of bare numbers tells the citizen nothing.
 */
function durationLines(channels: Channel[]): string[] | undefined {
  const labels = channels.map((c) => channelLabel(c.channel));
  const repeated = labels.some((label, i) => labels.indexOf(label) !== i);
  const rows = channels.flatMap((c) => {
    const text = durationText(c);
    const label = channelLabel(c.channel);
    return text === undefined ? [] : [{ text, label, which: repeated ? durationCase(c, labels) : undefined }];
  });
  // Every row named, and no name given two limits: otherwise the descriptions were not read right.
  const limitOf = new Map<string, string>();
  const named = rows.every((row) => {
    if (!row.which) return false;
    const seen = limitOf.get(row.which);
    limitOf.set(row.which, row.text);
    return seen === undefined || seen === row.text;
  });
  if (rows.length === 0 || !named || limitOf.size < 2) return perChannel(channels, durationText);
  // One line per case and limit, with the channels it holds for unless it holds for all of them.
  const all = new Set(labels);
  const lines = new Map<string, { head: string; text: string; labels: Set<string> }>();
  for (const { which: head, text, label } of rows) {
    if (!head) continue; // none: every row is named (checked above)
    const key = `${head}\u0000${text}`;
    const line = lines.get(key) ?? { head, text, labels: new Set<string>() };
    line.labels.add(label);
    lines.set(key, line);
  }
  return [...lines.values()].map(({ head, text, labels: own }) => {
    const where = own.size < all.size ? ` (${[...own].join(', ').toLowerCase()})` : '';
    return `• ${head}${where}: ${text}`;
  });
}

export function renderDuration(record: ProcedureRecord): string | undefined {
  const lines = durationLines(record.channels);
  if (!lines) {
    if (record.durationNote) return `Thời hạn giải quyết (theo trình tự thực hiện): ${record.durationNote}`;
    return bareDuration(record);
  }
  const head = 'Thời hạn giải quyết';
  return truncateText(
    lines.length === 1 ? sentence(`${head}: ${lines[0]}`) : `${head}:\n${lines.join('\n')}`,
    BUDGET,
  );
}

function channelList(record: ProcedureRecord): string {
  return [...new Set(record.channels.map((c) => channelLabel(c.channel).toLowerCase()))].join(', ');
}

/** Ends a sentence with a full stop unless it already ends with one (or with the "…" of a cut). */
function sentence(text: string): string {
  return /[.…!?]$/u.test(text) ? text : `${text}.`;
}

export function renderPlace(record: ProcedureRecord): string | undefined {
  const agency = record.agencies ?? record.authority;
  if (!agency && !record.receivingAddress) return undefined;
  const lines: string[] = [];
  if (agency) lines.push(sentence(`Cơ quan thực hiện: ${truncateText(agency, 200)}`));
  if (record.levels.length > 0) lines.push(`Cấp thực hiện: ${record.levels.join(', ')}.`);
  if (record.receivingAddress)
    lines.push(sentence(`Địa chỉ tiếp nhận: ${truncateText(record.receivingAddress, 160)}`));
  if (record.channels.length > 0) lines.push(`Hình thức nộp: ${channelList(record)}.`);
  return lines.join('\n');
}

export function renderSteps(record: ProcedureRecord): string | undefined {
  if (record.steps.length === 0) return undefined;
  const steps = record.steps.map((s, i) => {
    const body = s.replace(/^Bước\s*\d+\s*[:.\-–)]?\s*/u, '').replace(/^[\s\-+•*–]+/u, '');
    return `${i + 1}. ${truncateText(body, ITEM_MAX)}`;
  });
  return ['Các bước thực hiện:', ...fitLines(steps, BUDGET, () => '… (xem đầy đủ tại nguồn).')].join('\n');
}

export function renderOnline(record: ProcedureRecord): string | undefined {
  if (record.channels.length === 0) return undefined;
  const online = record.channels.find((c) => c.channel === 'Trực tuyến');
  if (online) {
    return 'Thủ tục này có thể nộp trực tuyến trên Cổng Dịch vụ công quốc gia (dichvucong.gov.vn): mở trang thủ tục ở liên kết bên dưới và chọn "Nộp hồ sơ".';
  }
  return `Theo Cổng DVC quốc gia, thủ tục này chưa có hình thức nộp trực tuyến; hình thức nộp: ${channelList(record)}.`;
}

export function renderEligibility(record: ProcedureRecord): string | undefined {
  const lines: string[] = [];
  if (record.audience) lines.push(sentence(`Đối tượng thực hiện: ${truncateText(record.audience, 160)}`));
  if (record.conditions)
    lines.push(`Điều kiện: ${truncateText(record.conditions.replace(/\n+/gu, ' '), 280)}`);
  return lines.length > 0 ? lines.join('\n') : undefined;
}

export function renderAspects(record: ProcedureRecord): Aspects {
  const aspects: Aspects = {
    documents: renderDocuments(record),
    fee: renderFee(record),
    duration: renderDuration(record),
    place: renderPlace(record),
    steps: renderSteps(record),
    online: renderOnline(record),
    eligibility: renderEligibility(record),
  };
  return Object.fromEntries(Object.entries(aspects).filter(([, v]) => v !== undefined)) as Aspects;
}

/** One or two plain sentences: which field and level, and what the citizen receives. */
export function renderSummary(record: ProcedureRecord): string {
  const levels = record.levels.map((l) => l.toLowerCase()).join(', ');
  const first = `Thủ tục lĩnh vực ${record.field}${levels ? `, thực hiện ở ${levels}` : ''}.`;
  const result = record.results[0];
  return result ? `${first} Kết quả: ${truncateText(result.replace(/[.;]+$/u, ''), 140)}.` : first;
}
