import { describe, expect, it } from 'vitest';
import { vietnameseNumber } from '../../../knowledge/text/vietnamese-number';

describe('vietnameseNumber', () => {
  it('groups thousands with dots and writes decimals after a comma', () => {
    expect(vietnameseNumber(0)).toBe('0');
    expect(vietnameseNumber(999)).toBe('999');
    expect(vietnameseNumber(1000)).toBe('1.000');
    expect(vietnameseNumber(50000)).toBe('50.000');
    expect(vietnameseNumber(1234567)).toBe('1.234.567');
    expect(vietnameseNumber(-25000)).toBe('-25.000');
    expect(vietnameseNumber(2.5)).toBe('2,5');
  });

  it('writes every integer as ICU does for de-DE (the form answers used before)', () => {
    let n = 1;
    const checked: number[] = [];
    // Every digit count from 1 to 16, with varied digits, and each power of ten either side.
    for (let digits = 1; digits <= 16; digits++) {
      n = n * 10 + (digits % 7);
      checked.push(n, 10 ** (digits - 1), 10 ** (digits - 1) - 1, -n);
    }
    for (const value of checked) expect(vietnameseNumber(value)).toBe(value.toLocaleString('de-DE'));
  });
});
