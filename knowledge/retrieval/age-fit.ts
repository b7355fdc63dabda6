import { normalise } from '../../intents/normalise';

/**
 * Ages in a message and in titles. Several procedures differ only by the applicant's age ("Cấp thẻ
 * căn cước cho người dưới 14 tuổi" and "… từ đủ 14 tuổi trở lên"): a message that gives the age
 * ("làm căn cước cho con 10 tuổi") says which one is meant, though it shares no word with the
 * difference. Works on folded syllables (diacritics removed), as typed without marks.
 */

/** Ages in years that a person can have; a larger number before "tuổi" is not an age. */
const OLDEST = 130;

/** Words before a number that make "N tuổi" a bound rather than an age ("dưới 14 tuổi"). */
const BELOW = new Set(['duoi']);
const ABOVE = new Set(['tren', 'qua']);

/**
 * The age a message states, in years: "con 10 tuổi" → 10, "bé 18 tháng tuổi" → 1.5. A bound the
 * citizen types stands for an age on its side of it ("dưới 14 tuổi" → 13.5, "trên 60 tuổi" → 60.5,
 * "đủ 14 tuổi" → 14). Undefined when there is none, or two that disagree.
 */
export function statedAge(folded: readonly string[]): number | undefined {
  const ages = new Set<number>();
  for (let i = 0; i < folded.length; i++) {
    const n = numberAt(folded, i);
    if (n === undefined) continue;
    let years: number | undefined;
    if (folded[i + 1] === 'tuoi') years = n;
    else if (folded[i + 1] === 'thang' && folded[i + 2] === 'tuoi') years = n / 12;
    if (years === undefined || years > OLDEST) continue;
    const before = folded[i - 1] ?? '';
    if (BELOW.has(before) || (before === 'du' && folded[i - 2] === 'chua')) years -= 0.5;
    else if (ABOVE.has(before)) years += 0.5;
    ages.add(years);
  }
  return ages.size === 1 ? [...ages][0] : undefined;
}

/** Whole numbers only: "10", not "10a" or a dossier code's digits ("000.00.18"). */
function numberAt(folded: readonly string[], i: number): number | undefined {
  const token = folded[i] ?? '';
  return /^\d{1,3}$/u.test(token) ? Number(token) : undefined;
}

/** The ages a title is for: at least `min`, below `max` (either may be open). */
export interface AgeRange {
  min?: number;
  max?: number;
}

/**
 * The age range a title names: "dưới 14 tuổi", "chưa đủ 18 tuổi", "người chưa thành niên" (below),
 * "từ đủ 14 tuổi trở lên", "từ 14 tuổi", "đủ 60 tuổi", "trên 80 tuổi", "người lớn" (from).
 * Undefined for a title that names no age.
 */
export function titleAgeRange(folded: readonly string[]): AgeRange | undefined {
  const range: AgeRange = {};
  for (let i = 0; i < folded.length; i++) {
    const n = numberAt(folded, i);
    if (n === undefined || folded[i + 1] !== 'tuoi') continue;
    const before = folded[i - 1] ?? '';
    const twoBefore = folded[i - 2] ?? '';
    if (
      before === 'duoi' ||
      (before === 'du' && twoBefore === 'chua') ||
      (before === 'den' && twoBefore === 'chua')
    )
      range.max = Math.min(range.max ?? Infinity, n);
    else if (before === 'tren') range.min = Math.max(range.min ?? 0, n + 0.5);
    else if (before === 'du' || before === 'tu') range.min = Math.max(range.min ?? 0, n);
  }
  // Words for an age without a number: an adult is 18 or over (Bộ luật Dân sự 2015, Điều 20).
  for (let i = 0; i + 1 < folded.length; i++) {
    const pair = `${folded[i]} ${folded[i + 1]}`;
    if (pair === 'nguoi lon') range.min = Math.max(range.min ?? 0, ADULT);
    else if (pair === 'thanh nien' && folded[i - 1] === 'chua')
      range.max = Math.min(range.max ?? Infinity, ADULT);
  }
  return range.min === undefined && range.max === undefined ? undefined : range;
}

/** The age of majority. */
const ADULT = 18;

/** The age range an entry's title and plain title name, if any. */
export function entryAgeRange(entry: { title: string; plainTitle?: string }): AgeRange | undefined {
  return titleAgeRange(normalise(`${entry.title} . ${entry.plainTitle ?? ''}`).foldedTokens);
}

/** Whether an age falls outside a title's range: the title is for somebody else. */
export function ageContradicts(age: number, range: AgeRange): boolean {
  return (range.max !== undefined && age >= range.max) || (range.min !== undefined && age < range.min);
}
