import { describe, expect, it } from 'vitest';
import { redact, redactText } from '../../../functions/shared/redact';

describe('redactText: personal data out of logs and stored reports', () => {
  it.each([
    ['ASCII phone', 'gọi 0912345678 giúp tôi'],
    ['spaced phone', 'sđt 0912 345 678 nhé'],
    ['+84 phone', 'số +84 912 345 678'],
    ['full-width digits', 'số của tôi là ０９１２３４５６７８'],
    ['full-width, spaced', 'sđt ０９１２ ３４５ ６７８'],
    ['mathematical digits', 'số 𝟎𝟗𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖'],
    ['Arabic-Indic digits', 'رقم ٠٩١٢٣٤٥٦٧٨'],
    ['a phone typed partly (9 digits)', 'số tôi 091234567 thiếu 1 số'],
    ['a partial phone in full-width', 'số ０９１２３４５６７'],
  ])('masks a %s', (_label, text) => {
    const out = redactText(text);
    expect(out).toContain('[phone]');
    expect(out.replace(/\D/gu, '')).not.toMatch(/\d{5,}/u);
  });

  it('masks 12-digit citizen ids, also in full-width digits', () => {
    expect(redactText('cccd 079203001234')).toBe('cccd [id]');
    expect(redactText('cccd ０７９２０３００１２３４')).toBe('cccd [id]');
  });

  it('leaves dossier codes, dates, amounts and short numbers readable', () => {
    for (const text of [
      'hồ sơ H43.25-241008-0012',
      'ngày 2026-11-24',
      'lệ phí 50000 đồng',
      'mã 1234',
      'số 12345678',
    ])
      expect(redactText(text)).toBe(text);
  });

  it('applies the same rules inside structured log fields', () => {
    expect(redact({ note: 'sđt ０９１２３４５６７８', phone: '0912345678' })).toEqual({
      note: 'sđt [phone]',
      phone: '[phone]',
    });
  });
});
