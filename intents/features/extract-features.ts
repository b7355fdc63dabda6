import { CITIZEN_ID_PATTERN } from '../entities/citizen-id';
import { dossierCodeRegExp } from '../entities/dossier-code';
import { PHONE_PATTERN } from '../entities/phone';
import { foldDiacritics, type NormalisedText, syllables } from '../normalise';
import { isVietnameseSyllable } from '../typo/vietnamese-syllable';

/**
 * Which feature families the classifier sees. The defaults are what cross-validation chose
 * (docs/nlu-report.md); the switches exist so that the evaluation can show what each family adds.
 */
export interface FeatureOptions {
  /** Syllable bigrams (folded, and accented where marks were typed). */
  bigrams: boolean;
  /** Syllable trigrams, folded. */
  trigrams: boolean;
  /** Character n-grams of the folded text, across word boundaries (typos, run-together words). */
  charNgrams: readonly number[];
  /** Accented unigrams and bigrams in addition to the folded ones. */
  accented: boolean;
}

export const DEFAULT_FEATURE_OPTIONS: FeatureOptions = {
  bigrams: true,
  trigrams: false,
  charNgrams: [],
  accented: true,
};

const DOSSIER_CODE = dossierCodeRegExp();
/** Placeholders are letter-only words no citizen writes, so they become ordinary syllable features. */
const PLACEHOLDERS = new Set(['zzcode', 'zzphone', 'zzcid', 'zznum']);

/**
 * Entities become placeholders before tokenising: "tra H43.25-241008-0012" and "tra H43.26-250101-0003"
 * should look the same to the classifier, and a phone's digits should not look like a code's.
 */
function maskEntities(accented: string): string {
  return accented
    .replace(DOSSIER_CODE, ' zzcode ')
    .replace(CITIZEN_ID_PATTERN, ' zzcid ')
    .replace(PHONE_PATTERN, ' zzphone ');
}

function lengthBucket(count: number): string {
  if (count <= 1) return 'len:1';
  if (count === 2) return 'len:2';
  if (count <= 4) return 'len:3-4';
  if (count <= 8) return 'len:5-8';
  if (count <= 16) return 'len:9-16';
  return 'len:17+';
}

/**
 * The sparse binary features of one prepared message. Stopwords stay: "bao lâu" and "bao nhiêu"
 * are exactly what tells a duration question from a fee question.
 */
export function extractFeatures(
  text: NormalisedText,
  options: FeatureOptions = DEFAULT_FEATURE_OPTIONS,
): string[] {
  const masked = maskEntities(text.accented);
  const toPlaceholder = (token: string) => (/^\p{N}+$/u.test(token) ? 'zznum' : token);
  const accentedTokens = syllables(masked).map(toPlaceholder);
  // Folding works letter by letter, so the folded syllables line up with the accented ones.
  const foldedTokens = syllables(foldDiacritics(masked)).map(toPlaceholder);
  const features = new Set<string>();

  features.add(lengthBucket(foldedTokens.length));
  const padded = ['^', ...foldedTokens, '$'];
  const paddedAccented = ['^', ...accentedTokens, '$'];
  let nonVietnamese = 0;
  for (let i = 0; i < foldedTokens.length; i++) {
    const folded = foldedTokens[i] ?? '';
    const accented = accentedTokens[i] ?? '';
    features.add(`w:${folded}`);
    if (options.accented && accented !== folded) features.add(`a:${accented}`);
    if (!PLACEHOLDERS.has(folded) && /^\p{L}+$/u.test(folded) && !isVietnameseSyllable(folded))
      nonVietnamese++;
  }
  if (nonVietnamese > 0) features.add('shape:foreign');
  if (foldedTokens.length > 0 && nonVietnamese === foldedTokens.length) features.add('shape:all-foreign');

  if (options.bigrams) {
    for (let i = 0; i + 1 < padded.length; i++) {
      features.add(`b:${padded[i]}_${padded[i + 1]}`);
      const a1 = paddedAccented[i] ?? '';
      const a2 = paddedAccented[i + 1] ?? '';
      if (options.accented && (a1 !== padded[i] || a2 !== padded[i + 1])) features.add(`ab:${a1}_${a2}`);
    }
  }
  if (options.trigrams) {
    for (let i = 0; i + 2 < padded.length; i++)
      features.add(`t:${padded[i]}_${padded[i + 1]}_${padded[i + 2]}`);
  }
  if (options.charNgrams.length > 0) {
    const joined = ` ${foldedTokens.join(' ')} `;
    for (const n of options.charNgrams) {
      for (let i = 0; i + n <= joined.length; i++) features.add(`c:${joined.slice(i, i + n)}`);
    }
  }
  return [...features];
}
