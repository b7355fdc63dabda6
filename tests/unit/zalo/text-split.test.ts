import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitText, ZALO_MAX_TEXT } from '../../../functions/channels/zalo/text-split';

const sentence = (n: number) => `Câu thứ ${n} nói về hồ sơ cấp lại thẻ căn cước và các giấy tờ cần chuẩn bị.`;

describe('splitting texts for Zalo', () => {
  it('keeps a short text whole', () => {
    expect(splitText('Xin chào bạn.')).toEqual(['Xin chào bạn.']);
  });

  it('keeps a text of exactly 2,000 characters whole', () => {
    const text = 'a'.repeat(ZALO_MAX_TEXT);
    expect(splitText(text)).toEqual([text]);
  });

  it('cuts a long text at sentence ends, every part at most 2,000 characters', () => {
    const text = Array.from({ length: 60 }, (_, i) => sentence(i + 1)).join(' ');
    const parts = splitText(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(ZALO_MAX_TEXT);
      expect(p).toMatch(/^Câu thứ \d+/u);
      expect(p).toMatch(/chuẩn bị\.$/u);
    }
    expect(parts.join(' ')).toBe(text);
  });

  it('prefers a paragraph break when one is near the limit', () => {
    const first = Array.from({ length: 20 }, (_, i) => sentence(i)).join(' ');
    const second = Array.from({ length: 20 }, (_, i) => sentence(i + 100)).join(' ');
    const parts = splitText(`${first}\n\n${second}`);
    expect(parts[0]).toBe(first);
    expect(parts.join('\n\n')).toBe(`${first}\n\n${second}`);
  });

  it('hard-splits a "sentence" longer than the limit, and nothing is lost', () => {
    const text = 'x'.repeat(4500);
    const parts = splitText(text);
    expect(parts.map((p) => p.length)).toEqual([2000, 2000, 500]);
    expect(parts.join('')).toBe(text);
  });

  it('never cuts an emoji in half', () => {
    const text = `${'a'.repeat(1999)}😀${'b'.repeat(10)}`;
    const parts = splitText(text);
    expect(parts[0]).toBe('a'.repeat(1999));
    expect(parts[1]).toBe(`😀${'b'.repeat(10)}`);
  });

  it('splits at the last space when a sentence has no end in reach', () => {
    const words = Array.from({ length: 500 }, (_, i) => `từ${i}`).join(' ');
    const parts = splitText(words, 100);
    for (const p of parts) {
      expect(p.length).toBeLessThanOrEqual(100);
      expect(p).not.toMatch(/^\s|\s$/u);
    }
    expect(parts.join(' ')).toBe(words);
  });

  it('never returns a part over the limit, nor an empty part, for any text', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 900 }),
        fc.integer({ min: 2, max: 120 }),
        (text, max) => {
          const parts = splitText(text, max);
          for (const p of parts) {
            expect(p.length).toBeLessThanOrEqual(max);
            expect(p.trim()).not.toBe('');
          }
          // Only whitespace may disappear at the cuts.
          expect(parts.join('').replace(/\s/gu, '')).toBe(text.replace(/\s/gu, ''));
        },
      ),
      { numRuns: 300 },
    );
  });
});
