import { seededRandom } from '../classifier/seeded-random';

/** A stable 32-bit hash of a string (FNV-1a), so that a message always gets the same typo. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const LETTERS = 'abcdeghiklmnopqrstuvxy';

/**
 * One keyboard slip in one word of three letters or more (a letter dropped, doubled, swapped with
 * its neighbour or replaced), chosen deterministically from the text: the "typo" variant of the
 * evaluation. Marks are kept; codes and numbers are left alone.
 */
export function injectTypo(text: string): string {
  const words = [...text.normalize('NFC').matchAll(/\p{L}{3,}/gu)];
  if (words.length === 0) return text;
  const random = seededRandom(hash(text));
  const word = words[Math.floor(random() * words.length)];
  if (!word || word.index === undefined) return text;
  const letters = [...word[0]];
  const at = Math.floor(random() * letters.length);
  const kind = Math.floor(random() * 4);
  const replacement = LETTERS.charAt(Math.floor(random() * LETTERS.length));
  if (kind === 0) letters.splice(at, 1);
  else if (kind === 1) letters.splice(at, 0, letters[at] ?? '');
  else if (kind === 2 && at + 1 < letters.length)
    [letters[at], letters[at + 1]] = [letters[at + 1] ?? '', letters[at] ?? ''];
  else letters[at] = replacement;
  return text.slice(0, word.index) + letters.join('') + text.slice(word.index + word[0].length);
}
