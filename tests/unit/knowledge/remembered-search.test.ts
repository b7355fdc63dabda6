import { describe, expect, it } from 'vitest';
import { REMEMBERED_KEYS, rememberedSearch } from '../../../knowledge/knowledge-base-file';

describe('rememberedSearch', () => {
  const sorted = ['an', 'cuoc', 'giay', 'ho', 'xe'];
  const counting = () => {
    const asked: string[] = [];
    const find = rememberedSearch((key) => {
      asked.push(key);
      return sorted.indexOf(key);
    });
    return { asked, find };
  };

  it('answers as the search does, and searches a key once, misses included', () => {
    const { asked, find } = counting();
    for (let round = 0; round < 3; round++) {
      expect(find('giay')).toBe(2);
      expect(find('xe')).toBe(4);
      expect(find('khong-co')).toBe(-1);
    }
    expect(asked).toEqual(['giay', 'xe', 'khong-co']);
  });

  it('starts afresh past its bound: made-up words cost searches, not memory', () => {
    const { asked, find } = counting();
    find('giay');
    for (let i = 0; i < REMEMBERED_KEYS; i++) find(`made-up-${i}`);
    asked.length = 0;
    // The bound was reached, so what was remembered before it is searched again, then remembered.
    expect(find('giay')).toBe(2);
    expect(find('giay')).toBe(2);
    expect(asked).toEqual(['giay']);
  });
});
