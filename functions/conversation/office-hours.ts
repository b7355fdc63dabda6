/**
 * When staff answer. Public offices in the province work Monday to Friday, 07:00–11:30 and
 * 13:30–17:00, Vietnam time (UTC+7, no daylight saving). Public holidays (Labour Code 2019, art. 112)
 * are listed per year as configuration: the lunar ones (Tết, Hùng Kings) and the days the
 * government moves each year must be checked when the year's schedule is announced.
 */
export interface OfficeHoursConfig {
  /** Day of week (0 = Sunday) → open intervals in local minutes since midnight. */
  weekly: Record<number, [number, number][]>;
  /** Local dates (YYYY-MM-DD) when offices are closed. */
  holidays: string[];
  utcOffsetMinutes: number;
}

const MORNING: [number, number] = [7 * 60, 11 * 60 + 30];
const AFTERNOON: [number, number] = [13 * 60 + 30, 17 * 60];

export const DEFAULT_OFFICE_HOURS: OfficeHoursConfig = {
  weekly: {
    1: [MORNING, AFTERNOON],
    2: [MORNING, AFTERNOON],
    3: [MORNING, AFTERNOON],
    4: [MORNING, AFTERNOON],
    5: [MORNING, AFTERNOON],
  },
  // Checked 2026-11-22 against the Labour Code 2019 art. 112 (fixed dates) and the government's
  // announced 2026 Tết schedule; 2027's lunar days must be confirmed when announced.
  holidays: [
    '2026-01-01',
    '2026-02-14',
    '2026-02-15',
    '2026-02-16',
    '2026-02-17',
    '2026-02-18',
    '2026-02-19',
    '2026-02-20',
    '2026-02-21',
    '2026-02-22',
    '2026-04-26',
    '2026-04-27',
    '2026-04-30',
    '2026-05-01',
    '2026-08-31',
    '2026-09-01',
    '2026-09-02',
    '2027-01-01',
    '2027-04-30',
    '2027-05-01',
    '2027-09-02',
  ],
  utcOffsetMinutes: 7 * 60,
};

function local(now: Date, offset: number) {
  const shifted = new Date(now.getTime() + offset * 60_000);
  return {
    date: shifted.toISOString().slice(0, 10),
    day: shifted.getUTCDay(),
    minutes: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
    shifted,
  };
}

export function isOpen(now: Date, cfg: OfficeHoursConfig = DEFAULT_OFFICE_HOURS): boolean {
  const l = local(now, cfg.utcOffsetMinutes);
  if (cfg.holidays.includes(l.date)) return false;
  return (cfg.weekly[l.day] ?? []).some(([a, b]) => l.minutes >= a && l.minutes < b);
}

/** The next moment staff are at work (now, if open). Looks ahead at most 30 days. */
export function nextOpening(now: Date, cfg: OfficeHoursConfig = DEFAULT_OFFICE_HOURS): Date {
  if (isOpen(now, cfg)) return now;
  const l = local(now, cfg.utcOffsetMinutes);
  const dayStartUtc =
    Date.UTC(l.shifted.getUTCFullYear(), l.shifted.getUTCMonth(), l.shifted.getUTCDate()) -
    cfg.utcOffsetMinutes * 60_000;
  for (let d = 0; d < 30; d++) {
    const base = dayStartUtc + d * 86_400_000;
    const probe = local(new Date(base), cfg.utcOffsetMinutes);
    if (cfg.holidays.includes(probe.date)) continue;
    for (const [a] of cfg.weekly[probe.day] ?? []) {
      const t = new Date(base + a * 60_000);
      if (t > now) return t;
    }
  }
  return now;
}

/** "8 giờ 00 sáng thứ Hai, 23/11" in Vietnam time. */
export function describeLocal(date: Date, cfg: OfficeHoursConfig = DEFAULT_OFFICE_HOURS): string {
  const l = local(date, cfg.utcOffsetMinutes);
  const days = ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'];
  const h = Math.floor(l.minutes / 60);
  const m = String(l.minutes % 60).padStart(2, '0');
  const [, mm, dd] = l.date.split('-');
  return `${h} giờ ${m} ${days[l.day]}, ${dd}/${mm}`;
}
