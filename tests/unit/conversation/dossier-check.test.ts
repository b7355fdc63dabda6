import { describe, expect, it } from 'vitest';
import {
  CHECK_FRESH_MS,
  phoneMatches,
  snapshotOf,
  usableCheck,
  viewOf,
} from '../../../functions/conversation/dossier-check';
import type { DossierCheck } from '../../../functions/conversation/model';
import type { Dossier } from '../../../functions/stores/dossier-store';

const dossier = (phone: string, code = 'H43.25-241008-0012'): Dossier => ({
  code,
  procedure: 'Cấp lại thẻ căn cước',
  agency: 'Công an phường Đô Vinh',
  applicantName: 'Nguyễn Văn An',
  phone,
  status: 'processing',
  createdAt: '2026-11-20T00:00:00.000Z',
  updatedAt: '2026-11-20T00:00:00.000Z',
});

describe('the phone a dossier question keeps, as digests', () => {
  it('matches the whole number in any national or international form, and its last 4 digits', () => {
    const kept = snapshotOf(dossier('0912345678'));
    for (const given of ['0912345678', '0912 345 678', '+84 912 345 678', '84912345678', '5678'])
      expect(phoneMatches(kept, given), given).toBe(true);
  });

  it('matches nothing else: another number, a part of it, other last digits', () => {
    const kept = snapshotOf(dossier('0912345678'));
    for (const given of ['0912345679', '12345678', '345678', '678', '1234', '0000', ''])
      expect(phoneMatches(kept, given), given).toBe(false);
  });

  it('keeps neither the number nor the applicant, and salts with the code', () => {
    const kept = snapshotOf(dossier('0912345678'));
    expect(JSON.stringify(kept)).not.toMatch(/912345678|5678|Nguyễn/u);
    const other = snapshotOf(dossier('0912345678', 'H43.25-241008-0013'));
    expect(other.phone.full).not.toBe(kept.phone.full);
    expect(other.phone.lastFour).not.toBe(kept.phone.lastFour);
  });

  it('a number too short on file opens nothing by its "whole number"', () => {
    const kept = snapshotOf(dossier('5678'));
    expect(kept.phone.full).toBeUndefined();
    expect(phoneMatches(kept, '5678')).toBe(true);
    expect(phoneMatches(kept, '0000005678')).toBe(false);
  });

  it('shows what an answer needs and no more', () => {
    expect(Object.keys(viewOf(dossier('0912345678'))).sort()).toEqual([
      'agency',
      'code',
      'procedure',
      'status',
    ]);
  });
});

describe('how long a question’s check stands in for reading', () => {
  const readAt = new Date('2026-11-24T02:10:00Z');
  const check: DossierCheck = {
    readAt: readAt.toISOString(),
    window: Math.floor(readAt.getTime() / 1000 / 3600),
    durableFailures: 0,
  };
  const at = (ms: number) => new Date(readAt.getTime() + ms);

  it('within a few minutes and the same lookup window', () => {
    expect(usableCheck(check, at(0), 3600)).toBe(check);
    expect(usableCheck(check, at(CHECK_FRESH_MS), 3600)).toBe(check);
  });

  it('not later, not in the next window, not before it was read', () => {
    expect(usableCheck(check, at(CHECK_FRESH_MS + 1), 3600)).toBeUndefined();
    const late = new Date('2026-11-24T02:58:00Z');
    const lateCheck = {
      ...check,
      readAt: late.toISOString(),
      window: Math.floor(late.getTime() / 1000 / 3600),
    };
    expect(usableCheck(lateCheck, new Date('2026-11-24T02:59:59Z'), 3600)).toBe(lateCheck);
    expect(usableCheck(lateCheck, new Date('2026-11-24T03:00:01Z'), 3600)).toBeUndefined();
    expect(usableCheck(check, at(-1), 3600)).toBeUndefined();
    expect(usableCheck(undefined, at(0), 3600)).toBeUndefined();
  });
});
