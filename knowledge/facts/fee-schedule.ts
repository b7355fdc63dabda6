import * as z from 'zod/mini';
import type { Channel, ProcedureRecord } from '../catalogue/procedure-record';
import { wholeSentences } from '../text/sentences';
import { vietnameseNumber } from '../text/vietnamese-number';

/**
 * The fee of a procedure as the catalogue states it, kept structured so the chat can say what applies
 * on the day it is asked: the catalogue writes temporary rates into the note ("Kể từ ngày 01/7/2025 đến
 * hết ngày 31/12/2026 mức thu … bằng 50% mức thu nêu trên theo Thông tư số 64/2025/TT-BTC"), and a row
 * is sometimes for Vietnamese missions abroad ("Tại cơ quan đại diện: 10 USD/bản"), not for an office
 * in the province. Everything shown is the catalogue's own figure or a stated share of it.
 */

// The schemas are built in functions marked pure: a bundle that only needs the types (the chat Lambda
// validates no entry) drops them, instead of building them at every cold start (issue 17).
const isoDate = /* @__PURE__ */ (() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/u)))();

export const FeeRowSchema = /* @__PURE__ */ (() =>
  z.object({
    /** "Trực tiếp", "Trực tuyến", "Qua bưu chính", or the place the row is for ("Tại cơ quan đại diện…"). */
    label: z.string(),
    /** `provincial`: the amount is set by the provincial council (HĐND), whatever the cell says. */
    kind: z.enum(['free', 'amount', 'provincial', 'unknown']),
    amount: z.optional(z.number().check(z.nonnegative())),
    currency: z.optional(z.enum(['VND', 'USD'])),
    /** "/trang", "/bản", "/lần": what the amount is counted by. */
    per: z.optional(z.string()),
    /** The row's note without its dated rates, cut at a sentence end. */
    note: z.optional(z.string()),
    online: z.boolean(),
  }))();
export type FeeRow = z.infer<typeof FeeRowSchema>;

export const FeeRuleSchema = /* @__PURE__ */ (() =>
  z.object({
    from: isoDate,
    to: isoDate,
    /** Share of the listed amount collected in the period. */
    percent: z.number().check(z.positive(), z.lte(100)),
    /** The rate applies to online submission only. */
    onlineOnly: z.boolean(),
    /** The legal text that sets the rate, when the note names it. */
    basis: z.optional(z.string()),
  }))();
export type FeeRule = z.infer<typeof FeeRuleSchema>;

export const FeeScheduleSchema = /* @__PURE__ */ (() =>
  z.object({ rows: z.array(FeeRowSchema), rules: z.array(FeeRuleSchema) }))();
export type FeeSchedule = z.infer<typeof FeeScheduleSchema>;

const NOTE_MAX = 240;
const DATE = String.raw`(\d{1,2})\/(\d{1,2})\/(\d{4})`;
const PERIOD = new RegExp(
  String.raw`từ\s+ngày\s+${DATE}\s+(?:đến\s+)?(?:hết\s+)?(?:ngày\s+)?${DATE}[^%]*?bằng\s+(\d{1,3})\s*%`,
  'iu',
);
const BASIS = /(Thông tư|Nghị định|Nghị quyết|Quyết định)\s+(?:số\s+)?[\w/.-]*\d[\w/.-]*/u;
const PROVINCIAL = /Hội đồng nhân dân|HĐND/u;
const MISSION = /cơ quan đại diện/iu;
const PLACE_PREFIX = /^\s*(Tại\s+[^:]{3,90}):\s*/u;

const iso = (d: string, m: string, y: string) => `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;

/** Sentences of a note; a bullet "- " starts a new one too. */
function sentencesOf(note: string): string[] {
  return note
    .split(/(?<=[.;])\s+(?=[-–+•]?\s*\p{Lu})|\s+[-–]\s+(?=\p{Lu})/u)
    .map((s) => s.replace(/^[-–+•\s]+/u, '').trim())
    .filter((s) => s.length > 0);
}

/** The dated rates of a note, and the note without them. */
export function readRules(note: string | undefined): { rules: FeeRule[]; rest?: string } {
  if (!note) return { rules: [] };
  const rules: FeeRule[] = [];
  const rest: string[] = [];
  for (const sentence of sentencesOf(note)) {
    const period = PERIOD.exec(sentence);
    if (!period) {
      rest.push(sentence);
      continue;
    }
    const [, d1 = '', m1 = '', y1 = '', d2 = '', m2 = '', y2 = '', percent = ''] = period;
    const basis = BASIS.exec(sentence)?.[0];
    rules.push({
      from: iso(d1, m1, y1),
      to: iso(d2, m2, y2),
      percent: Number(percent),
      onlineOnly: /trực tuy[eế]n|trực tuyển/iu.test(sentence),
      ...(basis ? { basis } : {}),
    });
  }
  return { rules, ...(rest.length > 0 ? { rest: rest.join(' ') } : {}) };
}

function rowLabel(channel: Channel, description: string | undefined): string {
  const place = description ? PLACE_PREFIX.exec(description)?.[1] : undefined;
  if (place) return MISSION.test(place) ? 'Tại cơ quan đại diện Việt Nam ở nước ngoài' : place;
  if (channel.fee.currency === 'USD' && MISSION.test(`${channel.fee.note ?? ''} ${description ?? ''}`))
    return 'Tại cơ quan đại diện Việt Nam ở nước ngoài';
  return channel.channel === 'Dịch vụ bưu chính' ? 'Qua bưu chính' : channel.channel;
}

/** "Tại …: 2.000 đồng/trang; từ trang thứ 3 …": what the description adds after the amount it restates. */
function descriptionRule(description: string | undefined): string | undefined {
  if (!description || !PLACE_PREFIX.test(description)) return undefined;
  const body = description.replace(PLACE_PREFIX, '');
  const afterAmount = body.replace(/^[\d.,]+\s*(?:đồng|USD|VNĐ)?(?:\/\S+)?\s*[;,.]?\s*/u, '');
  return afterAmount.length > 0 && afterAmount !== body ? afterAmount : undefined;
}

function feeRow(channel: Channel): { row: FeeRow; rules: FeeRule[] } {
  const { fee, description } = channel;
  const per =
    fee.note && /^\/\s*\S+$/u.test(fee.note.trim()) ? fee.note.trim().replace(/\s+/gu, '') : undefined;
  const { rules, rest } = per ? { rules: [], rest: undefined } : readRules(fee.note);
  const extra = descriptionRule(description);
  const noteText = [rest, extra].filter(Boolean).join(' ');
  const note = noteText ? wholeSentences(noteText, NOTE_MAX) : undefined;
  const provincial = PROVINCIAL.test(fee.note ?? '') && fee.kind !== 'amount';
  const kind: FeeRow['kind'] = provincial
    ? 'provincial'
    : fee.kind === 'free' || fee.kind === 'amount'
      ? fee.kind
      : 'unknown';
  const row: FeeRow = {
    label: rowLabel(channel, description),
    kind,
    online: channel.channel === 'Trực tuyến',
    ...(kind === 'amount' && fee.amount !== undefined ? { amount: fee.amount } : {}),
    ...(kind === 'amount' ? { currency: fee.currency ?? 'VND' } : {}),
    ...(per ? { per } : {}),
    ...(note ? { note } : {}),
  };
  return { row, rules };
}

export function feeSchedule(record: ProcedureRecord): FeeSchedule | undefined {
  const rows: FeeRow[] = [];
  const rules: FeeRule[] = [];
  for (const channel of record.channels) {
    const read = feeRow(channel);
    rows.push(read.row);
    for (const rule of read.rules)
      if (!rules.some((r) => JSON.stringify(r) === JSON.stringify(rule))) rules.push(rule);
  }
  if (rows.every((r) => r.kind === 'unknown' && !r.note)) return undefined;
  return { rows: rows.filter((r) => r.kind !== 'unknown' || r.note), rules };
}

// ── wording ─────────────────────────────────────────────────────────────────────────────────────

const money = (amount: number, currency: FeeRow['currency'], per = '') =>
  `${vietnameseNumber(amount)} ${currency === 'USD' ? 'USD' : 'đồng'}${per}`;
const dmy = (isoDay: string) => isoDay.split('-').reverse().join('/');

function ruleFor(row: FeeRow, rules: readonly FeeRule[], today: string): FeeRule | undefined {
  // Of the rates in force, the one stated last: a later clause replaces an earlier one.
  return rules.filter((r) => r.from <= today && today <= r.to && (!r.onlineOnly || row.online)).at(-1);
}

function amountText(row: FeeRow, rules: readonly FeeRule[], today: string | undefined): string {
  switch (row.kind) {
    case 'free':
      return 'Miễn phí';
    case 'provincial':
      return 'theo mức Hội đồng nhân dân tỉnh quy định';
    case 'unknown':
      return 'chưa rõ mức thu';
    case 'amount': {
      const listed = money(row.amount ?? 0, row.currency, row.per);
      const rule = today ? ruleFor(row, rules, today) : undefined;
      if (!rule) return listed;
      const now = money(Math.round(((row.amount ?? 0) * rule.percent) / 100), row.currency, row.per);
      const basis = rule.basis ? ` theo ${rule.basis}` : '';
      return `${now} (bằng ${rule.percent}% mức ${listed}, áp dụng từ ${dmy(rule.from)} đến hết ${dmy(rule.to)}${basis})`;
    }
  }
}

/**
 * The fee as a chat paragraph. With `today` (the Vietnam calendar day of the injected clock) the rate
 * in force that day is stated and expired periods are left out; without it every period is listed
 * with its dates. A note shared by every row is said once.
 */
export function feeText(schedule: FeeSchedule, today?: string): string {
  // The same few schedules are asked about all day: the text is kept per schedule for the day it
  // was written for (formatting each amount several times was a visible share of a fee answer).
  const kept = written.get(schedule);
  if (kept && kept.today === today) return kept.text;
  const text = writeFeeText(schedule, today);
  written.set(schedule, { today, text });
  return text;
}
const written = new WeakMap<FeeSchedule, { today: string | undefined; text: string }>();

function writeFeeText(schedule: FeeSchedule, today: string | undefined): string {
  const head = 'Phí, lệ phí (theo Cổng DVC quốc gia)';
  const notes = [...new Set(schedule.rows.map((r) => r.note).filter((n): n is string => !!n))];
  const sharedNote =
    notes.length === 1 && schedule.rows.every((r) => r.note === notes[0]) ? notes[0] : undefined;
  const lines = [
    ...new Set(
      schedule.rows.map((r) => {
        const note = r.note && r.note !== sharedNote ? ` — ${r.note}` : '';
        return `${r.label}: ${amountText(r, schedule.rules, today)}${note}`;
      }),
    ),
  ];
  const distinctAmounts = new Set(schedule.rows.map((r) => amountText(r, schedule.rules, today)));
  const out: string[] = [];
  if (
    lines.length === 1 ||
    (distinctAmounts.size === 1 && !schedule.rows.some((r) => r.note !== sharedNote))
  ) {
    const [first] = schedule.rows;
    out.push(`${head}: ${first ? amountText(first, schedule.rules, today) : ''}.`);
  } else {
    out.push(`${head}:`, ...lines.map((l) => `• ${l}`));
  }
  if (sharedNote) out.push(`Ghi chú: ${sharedNote}`);
  if (!today) {
    for (const rule of schedule.rules) {
      const scope = rule.onlineOnly ? ' khi nộp trực tuyến' : '';
      const basis = rule.basis ? ` (${rule.basis})` : '';
      out.push(
        `Từ ${dmy(rule.from)} đến hết ${dmy(rule.to)}${scope}: thu ${rule.percent}% mức trên${basis}.`,
      );
    }
  }
  return out.join('\n');
}
