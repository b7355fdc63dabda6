import { describe, expect, it } from 'vitest';
import { groupUnanswered, ratingsCsv, satisfactionReport } from '../../../functions/staff/reports';
import type { Rating } from '../../../functions/stores/rating-store';

const rating = (over: Partial<Rating>): Rating => ({
  id: Math.random().toString(36),
  kind: 'handoff',
  score: 5,
  satisfied: true,
  channel: 'web',
  createdAt: '2026-11-24T03:00:00.000Z',
  ...over,
});

describe('satisfaction report', () => {
  it('counts 4 and 5 as satisfied and splits by intent, channel, day, week, team and mode', () => {
    const r = satisfactionReport(
      [
        rating({ score: 5, satisfied: true, intent: 'procedure_info', team: 'cong-an' }),
        rating({ score: 2, satisfied: false, intent: 'procedure_info', channel: 'zalo', team: 'cong-an' }),
        rating({
          kind: 'answer',
          score: 5,
          satisfied: true,
          intent: 'dossier_status',
          createdAt: '2026-11-30T20:00:00.000Z',
        }),
      ],
      { conversations: 10, escalated: 2 },
    );
    expect(r).toMatchObject({ ratings: 3, satisfied: 2, rate: 0.667 });
    expect(r.byIntent.procedure_info).toEqual({ ratings: 2, satisfied: 1, rate: 0.5 });
    expect(r.byChannel.zalo).toEqual({ ratings: 1, satisfied: 0, rate: 0 });
    // 20:00 UTC on the 30th is the 1st of December in Vietnam; that week starts on Monday 30/11.
    expect(r.byDay['2026-12-01']?.ratings).toBe(1);
    expect(Object.keys(r.byWeek)).toEqual(['2026-11-23', '2026-11-30']);
    expect(r.byMode).toEqual({
      bot: { ratings: 1, satisfied: 1, rate: 1 },
      staff: { ratings: 2, satisfied: 1, rate: 0.5 },
    });
    expect(r.answeredWithoutStaffShare).toBe(0.8);
  });

  it('is empty but well-formed without ratings', () => {
    expect(satisfactionReport([])).toMatchObject({
      ratings: 0,
      satisfied: 0,
      rate: 0,
      byIntent: {},
      answeredWithoutStaffShare: null,
    });
  });
});

describe('CSV export', () => {
  it('quotes every cell and neutralises spreadsheet formulas', () => {
    const csv = ratingsCsv([rating({ entryTitle: '=HYPERLINK("x")', intent: 'a"b' })]);
    const [header, row] = csv
      .replace(/^\uFEFF/u, '')
      .trim()
      .split('\r\n');
    expect(header).toBe('createdAt,kind,score,satisfied,channel,intent,entryId,entryTitle,team,staffId');
    expect(row).toContain(`"'=HYPERLINK(""x"")"`);
    expect(row).toContain('"a""b"');
  });
});

describe('unanswered questions', () => {
  it('groups questions that share their telling words', () => {
    const q = (text: string) => ({
      id: text,
      text,
      intent: 'out_of_scope',
      confidence: 0.2,
      channel: 'web' as const,
      createdAt: '2026-11-24T00:00:00Z',
    });
    const groups = groupUnanswered([
      q('cấp phép nuôi chim yến'),
      q('cap phep nuoi chim yen o dau'),
      q('giá vàng hôm nay'),
    ]);
    expect(groups[0]).toMatchObject({ count: 2 });
    expect(groups).toHaveLength(2);
  });
});
