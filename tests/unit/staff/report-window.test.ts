import { describe, expect, it } from 'vitest';
import { event, inProcessApi, STAFF_TOKEN } from '../../security/in-process';

const STAFF = { authorization: `Bearer ${STAFF_TOKEN}` };

/**
 * Staff open the satisfaction report early in the morning: the default window ends on the Vietnam
 * date, so ratings given since midnight in Vietnam (still "yesterday" in UTC) are in it.
 */
describe('the satisfaction report window', () => {
  it('counts a rating given at 00:30 in Vietnam in the default window opened at 06:00', async () => {
    // 00:30 on 7 December in Vietnam is 17:30 UTC on 6 December.
    const api = inProcessApi({}, new Date('2026-12-06T17:30:00Z'));
    await api.services.stores.ratings.addOnce('rating-after-midnight', {
      kind: 'answer',
      score: 5,
      satisfied: true,
      channel: 'web',
      createdAt: api.clock.now().toISOString(),
    });
    api.clock.set(new Date('2026-12-06T23:00:00Z'));
    const result = await api.call(
      'staff',
      event('GET', '/api/staff/reports/satisfaction', { headers: STAFF }),
    );
    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body ?? '{}');
    expect(body.ratings).toBe(1);
    expect(Object.keys(body.byDay)).toEqual(['2026-12-07']);
  });

  it('refuses a day that does not exist with a 400 in the contract shape', async () => {
    const api = inProcessApi();
    const result = await api.call(
      'staff',
      event('GET', '/api/staff/reports/satisfaction', {
        headers: STAFF,
        query: 'from=2026-02-31&to=2026-03-01',
      }),
    );
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body ?? '{}').error.code).toBe('invalid_date_range');
  });
});
