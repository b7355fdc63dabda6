/**
 * Every date a person sees or a report groups by is a Vietnam date: UTC+7 all year (Vietnam has no
 * daylight saving). This module is the one place that turns an instant into a Vietnam calendar day,
 * so nothing depends on the machine's time zone and "today" is never the UTC date.
 */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;
const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;

/** The instant moved so that its UTC fields read as Vietnam wall-clock fields. */
export function vietnamWallClock(at: Date): Date {
  return new Date(at.getTime() + OFFSET_MS);
}

/** The Vietnam calendar day of an instant, as YYYY-MM-DD. */
export function vietnamDate(at: Date): string {
  return vietnamWallClock(at).toISOString().slice(0, 10);
}

/** The Vietnam calendar day of an ISO instant string. */
export function vietnamDateOfIso(isoInstant: string): string {
  return vietnamDate(new Date(isoInstant));
}

/** A Vietnam day (YYYY-MM-DD) `days` later (or earlier, when negative). */
export function addVietnamDays(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Monday of the ISO week of the Vietnam day of an instant, as YYYY-MM-DD. */
export function vietnamWeekStart(at: Date): string {
  const local = vietnamWallClock(at);
  const sinceMonday = (local.getUTCDay() + 6) % 7;
  return new Date(local.getTime() - sinceMonday * DAY_MS).toISOString().slice(0, 10);
}

/** The first instant of a Vietnam day (00:00 UTC+7). */
export function startOfVietnamDay(day: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d) - OFFSET_MS);
}

/** "YYMMDD" of the Vietnam day, for reference numbers a person reads. */
export function vietnamCompactDate(at: Date): string {
  return vietnamDate(at).slice(2).replaceAll('-', '');
}

/** "dd/mm/yyyy", the way dates are written to citizens. */
export function formatVietnamDate(at: Date): string {
  const [y, m, d] = vietnamDate(at).split('-');
  return `${d}/${m}/${y}`;
}

/**
 * Whether a string is a real calendar day (YYYY-MM-DD): "2026-02-31" is not. Used at every edge
 * where a person types a date, so an impossible day is a 400, never a wrong range or a 500.
 */
export function isCalendarDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/u.test(day)) return false;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}
