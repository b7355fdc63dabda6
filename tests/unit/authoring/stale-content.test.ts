import { describe, expect, it } from 'vitest';
import { diffCatalogue, reviewBy, staleEntries } from '../../../functions/authoring/stale-content';
import { CATALOGUE, curated, procedure } from '../knowledge/fixtures';

describe('stale content', () => {
  it('a review-by date is the check date plus the topic’s period, in Vietnam days', () => {
    expect(reviewBy({ checkedAt: '2025-03-01', topic: 'hộ tịch' })).toBe('2026-03-01');
    expect(reviewBy({ checkedAt: '2025-03-01', topic: 'thanh toán' })).toBe('2025-08-28');
  });

  it('lists entries past their review-by date, most overdue first, with the owning team', () => {
    const layer = [
      curated({
        id: 'cur.a',
        title: 'Mục A',
        checkedAt: '2025-01-10',
        topic: 'hộ tịch',
        team: 'ho-tich-tu-phap',
      }),
      curated({
        id: 'cur.b',
        title: 'Mục B',
        checkedAt: '2025-05-01',
        topic: 'thanh toán',
        team: 'chuyen-doi-so',
      }),
      curated({ id: 'cur.c', title: 'Mục C', checkedAt: '2026-01-01', topic: 'hộ tịch' }),
    ];
    const stale = staleEntries(layer, '2026-01-11');
    expect(stale.map((s) => [s.id, s.reviewBy, s.teamName])).toEqual([
      ['cur.b', '2025-10-28', 'Tài khoản số – Thanh toán – Địa chỉ số'],
      ['cur.a', '2026-01-10', 'Hộ tịch – Tư pháp – Chứng thực'],
    ]);
    // The review-by day itself is not overdue yet.
    expect(staleEntries(layer, '2026-01-10').map((s) => s.id)).toEqual(['cur.b']);
  });
});

describe('catalogue re-import', () => {
  it('shows new, changed and removed procedures, flagging those under a curated layer', () => {
    const [marriage, birth, ...rest] = CATALOGUE;
    if (!marriage || !birth) throw new Error('fixture');
    const next = [
      { ...marriage, steps: ['Nộp hồ sơ trực tuyến'] },
      ...rest,
      procedure({ code: '9.999999', title: 'Thủ tục mới' }),
    ];
    const changes = diffCatalogue(CATALOGUE, next, new Set([marriage.code, birth.code]));
    expect(changes.added).toEqual([{ code: '9.999999', title: 'Thủ tục mới' }]);
    expect(changes.changed).toEqual([
      { code: marriage.code, title: marriage.title, fields: ['steps'], layered: true },
    ]);
    expect(changes.removed).toEqual([{ code: birth.code, title: birth.title, layered: true }]);
    expect(diffCatalogue(CATALOGUE, CATALOGUE, new Set())).toEqual({ added: [], changed: [], removed: [] });
    // The same record with its keys in another order (as read back through the schema) is unchanged.
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const reordered = CATALOGUE.map((p) => reverseKeys(p) as typeof p);
    expect(diffCatalogue(CATALOGUE, reordered, new Set()).changed).toEqual([]);
  });
});
