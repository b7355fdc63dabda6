import { normalise } from '../../intents/normalise';
import type { KnowledgeEntry } from '../schema';

const CACHE = new WeakMap<KnowledgeEntry, Set<string>>();

/**
 * Folded syllables of every name an entry answers to (titles and aliases): a follow-up whose content
 * words are all among them is still about that entry ("đăng ký xong bao lâu có" after "đăng ký khai
 * sinh"), whatever else the index would rank first.
 */
export function entryWords(entry: KnowledgeEntry): Set<string> {
  let words = CACHE.get(entry);
  if (!words) {
    words = new Set(
      normalise([entry.title, entry.plainTitle ?? '', ...entry.aliases].join(' ')).foldedTokens,
    );
    CACHE.set(entry, words);
  }
  return words;
}

/** The syllables of an entry's names, as written (accented) and folded, each once. */
export interface NameSyllables {
  accented: readonly string[];
  folded: readonly string[];
}

/**
 * What the accent bonus compares a message typed with marks against (see `Searcher.accentBonus`).
 * `kb:build` stores it for every entry, so that a search does not parse some thirty whole entries and
 * normalise their names to rank the best few (issue 17); entries without it get it from here.
 */
export function nameSyllables(entry: KnowledgeEntry): NameSyllables {
  const text = normalise([entry.title, entry.plainTitle ?? '', ...entry.aliases].join(' . '));
  return { accented: [...new Set(text.tokens)], folded: [...new Set(text.foldedTokens)] };
}

/** One entry's name syllables as one line of text: accented, a tab, folded (syllables never hold either). */
export function encodeNameSyllables({ accented, folded }: NameSyllables): string {
  return `${accented.join(' ')}\t${folded.join(' ')}`;
}

export function decodeNameSyllables(text: string): NameSyllables {
  const [accented = '', folded = ''] = text.split('\t');
  return { accented: words(accented), folded: words(folded) };
}

const words = (text: string): string[] => (text === '' ? [] : text.split(' '));
