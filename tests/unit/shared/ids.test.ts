import { describe, expect, it } from 'vitest';
import { newId, newReference } from '../../../functions/shared/ids';

describe('ids', () => {
  it('message ids sort by creation time, also within one millisecond and across the random pool refill', () => {
    // More ids than one pool of random bytes serves (16 bytes per id, 4,096 per pool).
    const ids = Array.from({ length: 2_000 }, (_, i) => newId(1_800_000_000_000 + Math.floor(i / 7)));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/u);
  });

  it('ids of different moments do not share their random part', () => {
    const a = newId(1_900_000_000_000);
    const b = newId(1_900_000_000_001);
    expect(a.slice(10)).not.toBe(b.slice(10));
  });

  it('a reference reads as prefix, date and four unambiguous characters', () => {
    expect(newReference('PA', new Date('2026-11-22T03:00:00Z'))).toMatch(/^PA-261122-[2-9A-HJ-NP-Z]{4}$/u);
  });
});
