import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../../intents/features/extract-features';
import { canonicalAccented, foldDiacritics, normalise, syllablesOfMany } from '../../../intents/normalise';
import { prepareText } from '../../../intents/prepare-text';
import { loadTrainingData } from '../../../intents/training/labelled-data';

/** Syllables that exercise marks, đ, and the oa/oe/uy tone placement that varies between keyboards. */
const SYLLABLES = [
  'hòa',
  'khỏe',
  'thủy',
  'hoàn',
  'thuyết',
  'quý',
  'tòa',
  'xòe',
  'lũy',
  'ủy',
  'hóa',
  'đăng',
  'ký',
  'kết',
  'hôn',
  'căn',
  'cước',
  'làm',
  'lại',
  'sổ',
  'đỏ',
  'ở',
  'đâu',
  'bao',
  'lâu',
  'nhiêu',
  'tiền',
  'hồ',
  'sơ',
  'tới',
  'rồi',
  'cccd',
  'ko',
  'dc',
  'hk',
  'ad',
  'vneid',
  'phường',
  'Phan',
  'Rang',
  'Ninh',
  'Hải',
  'được',
  'khánh',
  'thuỷ',
  'hoà',
  'khoẻ',
  'gì',
  'j',
  'mã',
  'H43.25-241008-0012',
  '0912345678',
  '5',
  'sao',
];
const SEPARATORS = [' ', '  ', ', ', '? ', '. ', '\t'];

const message = fc
  .array(fc.tuple(fc.constantFrom(...SYLLABLES), fc.constantFrom(...SEPARATORS)), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) =>
    parts
      .map(([syllable, separator]) => syllable + separator)
      .join('')
      .trim(),
  );

/** The other tone placement of oa/oe/uy ("hòa" ↔ "hoà"), as old keyboards and the catalogue type it. */
function oldTonePlacement(text: string): string {
  return text
    .normalize('NFD')
    .replace(/([oOuU])([\u0300\u0301\u0303\u0309\u0323])([aAeEyY])(?![\p{L}])/gu, '$1$3$2')
    .normalize('NFC');
}

const features = (text: string) => extractFeatures(prepareText(text)).sort();

describe('normaliser properties', () => {
  it('gives the same features to the NFD, NFC, old-tone-placement and upper-case forms of a message', () => {
    fc.assert(
      fc.property(message, (text) => {
        const expected = features(text);
        expect(features(text.normalize('NFD'))).toEqual(expected);
        expect(features(text.normalize('NFC'))).toEqual(expected);
        expect(features(oldTonePlacement(text))).toEqual(expected);
        expect(features(text.toUpperCase())).toEqual(expected);
        expect(features(oldTonePlacement(text.toUpperCase()).normalize('NFD'))).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('normalises many texts at once exactly as one by one (the tables built at import use it)', () => {
    const one = (text: string) => {
      const { tokens, foldedTokens } = normalise(text);
      return { tokens, foldedTokens };
    };
    fc.assert(
      fc.property(fc.array(message, { maxLength: 8 }), (texts) => {
        expect(syllablesOfMany(texts)).toEqual(texts.map(one));
      }),
      { numRuns: 300 },
    );
    // Real messages too: every punctuation, case and mark the training data holds.
    const texts = [...loadTrainingData().map((m) => m.text), 'a\u0001b', ' ', '', 'e\u0301\u0301x'];
    expect(syllablesOfMany(texts)).toEqual(texts.map(one));
  });

  it('is idempotent: canonicalising a canonical text changes nothing', () => {
    fc.assert(
      fc.property(message, (text) => {
        const once = canonicalAccented(text);
        expect(canonicalAccented(once)).toBe(once);
      }),
    );
  });

  it('folds every mark away, đ included, and keeps the text otherwise', () => {
    fc.assert(
      fc.property(message, (text) => {
        const folded = foldDiacritics(canonicalAccented(text));
        expect(folded.normalize('NFD')).not.toMatch(/[\u0300-\u036f]/u);
        expect(folded).not.toMatch(/đ/u);
        expect(folded.length).toBe(canonicalAccented(text).length);
      }),
    );
  });

  it.each([
    ['Hoà', 'hòa'],
    ['KHOẺ', 'khỏe'],
    ['thuỷ', 'thủy'],
    ['quý', 'quý'],
    ['hoàng', 'hoàng'],
  ])('puts the tone of %s on the first vowel: %s', (input, expected) => {
    expect(canonicalAccented(input)).toBe(expected);
  });
});
