import { describe, expect, it } from 'vitest';
import { bodyOf, event, inProcessApi, STAFF_TOKEN } from './in-process';

/** Issue 14: report parameters that once answered 500, and phones that reached a report in clear. */
const a = inProcessApi({ RATE_LIMIT_PER_MINUTE: '1000', RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '1000' });
const report = (path: string, query: string) =>
  a.call('staff', event('GET', path, { query, headers: { authorization: `Bearer ${STAFF_TOKEN}` } }));

describe('staff reports: dates', () => {
  it.each([
    'from=2026-02-31&to=2026-03-01',
    'from=2026-02-01&to=2026-02-30',
    'from=2026-13-01&to=2026-12-31',
    'from=2026-00-10&to=2026-01-10',
    'from=2025-02-29&to=2025-03-01',
  ])('a day that does not exist (%s) is a 400 in the contract shape', async (query) => {
    for (const path of [
      '/api/staff/reports/satisfaction',
      '/api/staff/reports/satisfaction.csv',
      '/api/staff/reports/unanswered',
    ]) {
      const r = await report(path, query);
      expect(r.statusCode).toBe(400);
      expect(bodyOf(r)).toEqual({ error: { code: 'invalid_date_range', message: expect.any(String) } });
    }
  });

  it('a real leap day is accepted', async () => {
    expect(
      (await report('/api/staff/reports/satisfaction', 'from=2024-02-29&to=2024-03-01')).statusCode,
    ).toBe(200);
  });
});

describe('the unanswered-questions report keeps no phone in clear', () => {
  it.each([
    ['full-width digits', 'con mèo nhà tôi tên gì, gọi ０９１２３４５６７８'],
    ['a phone typed partly', 'con mèo nhà tôi tên gì, gọi 091234567'],
    ['full-width and spaced', 'con mèo nhà tôi tên gì, gọi ０９１２ ３４５ ６７８'],
  ])('%s', async (_label, text) => {
    const session = `unanswered-${_label.replace(/\W/gu, '-')}-session`;
    expect((await a.chat(session, text)).statusCode).toBe(200);
    const r = await report('/api/staff/reports/unanswered', 'from=2026-11-24&to=2026-11-24');
    expect(r.statusCode).toBe(200);
    const stored = JSON.stringify(bodyOf(r));
    expect(stored).toContain('con mèo nhà tôi');
    expect(stored).toContain('[phone]');
    expect(stored.normalize('NFKC').replace(/\D/gu, ' ')).not.toMatch(/\d{5,}/u);
    expect(stored).not.toMatch(/[０-９]{3,}/u);
  });
});
