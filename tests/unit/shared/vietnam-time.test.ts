import { describe, expect, it } from 'vitest';
import { newReference } from '../../../functions/shared/ids';
import {
  addVietnamDays,
  formatVietnamDate,
  isCalendarDay,
  startOfVietnamDay,
  vietnamCompactDate,
  vietnamDate,
  vietnamWeekStart,
} from '../../../functions/shared/vietnam-time';
import { localDay } from '../../../functions/stores/stats-store';

/** Every instant here is written in UTC on purpose: the results must not depend on the machine's zone. */
describe('Vietnam dates (UTC+7)', () => {
  it.each([
    ['2026-12-06T16:59:59.999Z', '2026-12-06'],
    ['2026-12-06T17:00:00.000Z', '2026-12-07'],
    ['2026-12-06T17:30:00.000Z', '2026-12-07'],
    ['2026-12-31T18:00:00.000Z', '2027-01-01'],
    ['2028-02-28T17:00:00.000Z', '2028-02-29'],
  ])('%s is %s in Vietnam', (instant, day) => {
    expect(vietnamDate(new Date(instant))).toBe(day);
    expect(localDay(new Date(instant))).toBe(day);
  });

  it('writes the Vietnam day for people and for reference numbers', () => {
    const half_past_midnight_in_vietnam = new Date('2026-12-06T17:30:00Z');
    expect(formatVietnamDate(half_past_midnight_in_vietnam)).toBe('07/12/2026');
    expect(vietnamCompactDate(half_past_midnight_in_vietnam)).toBe('261207');
    expect(newReference('PA', half_past_midnight_in_vietnam)).toMatch(/^PA-261207-[A-Z0-9]{4}$/u);
  });

  it('starts a week on the Vietnam Monday', () => {
    // Sunday 23:30 UTC is Monday 06:30 in Vietnam.
    expect(vietnamWeekStart(new Date('2026-12-06T23:30:00Z'))).toBe('2026-12-07');
    expect(vietnamWeekStart(new Date('2026-12-06T16:00:00Z'))).toBe('2026-11-30');
  });

  it('counts days across months and years, and knows when a Vietnam day starts', () => {
    expect(addVietnamDays('2026-12-06', -29)).toBe('2026-11-07');
    expect(addVietnamDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(startOfVietnamDay('2026-12-07').toISOString()).toBe('2026-12-06T17:00:00.000Z');
  });

  it.each([
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-02-29', false],
    ['2026-02-31', false],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['26-01-01', false],
    ['2026-01-01T00:00', false],
  ])('%s is a calendar day: %s', (day, ok) => {
    expect(isCalendarDay(day)).toBe(ok);
  });
});
