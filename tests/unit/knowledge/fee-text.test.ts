import { describe, expect, it } from 'vitest';
import { type FeeSchedule, feeText } from '../../../knowledge/facts/fee-schedule';

/** A listed fee with a half rate for a stated period, as the catalogue's notes give them. */
const schedule: FeeSchedule = {
  rows: [{ label: 'Trực tiếp', kind: 'amount', amount: 30000, currency: 'VND', online: false }],
  rules: [{ from: '2026-01-01', to: '2026-06-30', percent: 50, onlineOnly: false }],
};

describe('the fee paragraph, kept per schedule and day', () => {
  it('states the rate in force on the day asked, not the one of an earlier answer', () => {
    const during = feeText(schedule, '2026-03-01');
    const after = feeText(schedule, '2026-07-01');
    expect(during).toContain('15.000 đồng (bằng 50% mức 30.000 đồng');
    expect(after).toBe('Phí, lệ phí (theo Cổng DVC quốc gia): 30.000 đồng.');
    // Asked again on the first day: that day's rate again.
    expect(feeText(schedule, '2026-03-01')).toBe(during);
    // Without a day every period is listed with its dates.
    expect(feeText(schedule)).toContain('Từ 01/01/2026 đến hết 30/06/2026: thu 50% mức trên.');
  });
});
