import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../support/log-capture';

// The scanner every security suite ends with: it must see what it is meant to see, and not cry wolf
// on what logs legitimately hold (ids, timestamps, dossier codes, durations).
describe('the personal-data scan of log lines', () => {
  it.each([
    ['a mobile number', '{"event":"x","note":"gọi 0912345678"}', 'phone'],
    ['a mobile number with spaces', '{"event":"x","note":"0912 345 678"}', 'phone'],
    ['a mobile number with dots', '{"event":"x","note":"0912.345.678"}', 'phone'],
    ['an international number', '{"event":"x","note":"+84 912 345 678"}', 'phone'],
    ['a landline', '{"event":"x","note":"0259 3822 123"}', 'phone'],
    ['a citizen id', '{"event":"x","cccd":"079203001234"}', 'citizen_id'],
    ['a citizen id with spaces', '{"event":"x","note":"079 203 001 234"}', 'citizen_id'],
    ['an e-mail address', '{"event":"x","to":"nguyen.van.a@example.vn"}', 'email'],
  ])('flags %s', (_name, line, kind) => {
    expect(findPersonalData([line]).map((f) => f.kind)).toContain(kind);
  });

  it('flags planted values verbatim, also JSON-escaped', () => {
    expect(findPersonalData(['{"n":"Nguyễn Văn An"}'], ['Nguyễn Văn An'])).toHaveLength(1);
    expect(findPersonalData(['{"t":"secret\\"token"}'], ['secret"token'])).toHaveLength(1);
  });

  it.each([
    ['an ISO timestamp', '{"t":"2026-11-24T02:00:00.000Z","event":"turn"}'],
    ['a ULID', '{"id":"01KAB3C4D5E6F7G8H9J0K1M2N3"}'],
    ['epoch milliseconds', '{"at":1732420800000}'],
    ['a Zalo user id', '{"user":"8915748452619487411"}'],
    ['a dossier code', '{"code":"H43.25-091008-0012"}'],
    ['a duration and a confidence', '{"ms":12.345,"confidence":0.123456789}'],
    ['a redacted line', '{"phone":"[phone]","text":"[text]","email":"[email]"}'],
    ['a pseudonymous user tag', '{"user":"0a1b2c3d4e5f"}'],
  ])('does not flag %s', (_name, line) => {
    expect(findPersonalData([line])).toEqual([]);
  });
});
