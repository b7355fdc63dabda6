import { describe, expect, it } from 'vitest';
import { normalise } from '../../../intents/normalise';
import { ageContradicts, statedAge, titleAgeRange } from '../../../knowledge/retrieval/age-fit';

const folded = (text: string) => normalise(text).foldedTokens;

describe('the age a message states', () => {
  it.each([
    ['làm căn cước cho con 10 tuổi', 10],
    ['lam cccd cho be 5 tuoi', 5],
    ['bé 18 tháng tuổi làm căn cước được không', 1.5],
    ['căn cước cho trẻ dưới 14 tuổi', 13.5],
    ['người trên 60 tuổi', 60.5],
    ['con chưa đủ 14 tuổi', 13.5],
  ])('%s → %s', (text, age) => {
    expect(statedAge(folded(text))).toBe(age);
  });

  it.each([
    ['làm căn cước cần gì'],
    ['hồ sơ 000.00.18.H43-241008-0012'],
    ['con 10 tuổi và con 16 tuổi'],
    ['nộp 200 nghìn'],
    ['cụ 150 tuổi'],
  ])('none in "%s"', (text) => {
    expect(statedAge(folded(text))).toBeUndefined();
  });
});

describe('the ages a title is for', () => {
  it('reads "dưới", "chưa đủ" as an upper bound and "từ đủ", "trên" as a lower one', () => {
    expect(titleAgeRange(folded('Cấp thẻ căn cước cho người dưới 14 tuổi'))).toEqual({ max: 14 });
    expect(titleAgeRange(folded('Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên'))).toEqual({ min: 14 });
    expect(titleAgeRange(folded('Trợ cấp cho người chưa đủ 16 tuổi'))).toEqual({ max: 16 });
    expect(titleAgeRange(folded('Chúc thọ người trên 80 tuổi'))).toEqual({ min: 80.5 });
    expect(titleAgeRange(folded('Làm khai sinh cho người lớn chưa từng đăng ký'))).toEqual({ min: 18 });
    expect(titleAgeRange(folded('Giám hộ cho người chưa thành niên'))).toEqual({ max: 18 });
    expect(titleAgeRange(folded('Đăng ký khai sinh'))).toBeUndefined();
  });

  it('an age outside the range contradicts it; one inside or at the lower bound does not', () => {
    expect(ageContradicts(10, { min: 14 })).toBe(true);
    expect(ageContradicts(14, { min: 14 })).toBe(false);
    expect(ageContradicts(14, { max: 14 })).toBe(true);
    expect(ageContradicts(13.5, { max: 14 })).toBe(false);
  });
});
