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

/** The syllables of an entry's names. */
export interface NameSyllables {
  /** Of all the names together, as written and folded, each once. */
  accented: readonly string[];
  folded: readonly string[];
  /** Each name's folded syllables: the title, the plain title (none: empty), each alias. */
  phrases: readonly (readonly string[])[];
}

/**
 * What the accent bonus (see `Searcher.accentBonus`) and the phrase coverage of a hit compare a
 * message against. `kb:build` stores it for every entry, so that a search does not parse some thirty
 * whole entries and normalise their names to rank the best few (issue 17); entries without it get it
 * from here.
 */
export function nameSyllables(entry: KnowledgeEntry): NameSyllables {
  const names = [entry.title, entry.plainTitle ?? '', ...entry.aliases];
  const text = normalise(names.join(' . '));
  return {
    accented: [...new Set(text.tokens)],
    folded: [...new Set(text.foldedTokens)],
    phrases: names.map((name) => normalise(name).foldedTokens),
  };
}

/**
 * One entry's name syllables as one line of text: accented, a tab, folded, a tab, the phrases
 * separated by "|" (syllables never hold a space, a tab or a "|").
 */
export function encodeNameSyllables({ accented, folded, phrases }: NameSyllables): string {
  return `${accented.join(' ')}\t${folded.join(' ')}\t${phrases.map((p) => p.join(' ')).join('|')}`;
}

/** The phrases are split when first read: a search reads them for its best three entries of thirty. */
export function decodeNameSyllables(text: string): NameSyllables {
  const [accented = '', folded = '', phrases = ''] = text.split('\t');
  let split: string[][] | undefined;
  return {
    accented: words(accented),
    folded: words(folded),
    get phrases() {
      split ??= phrases.split('|').map(words);
      return split;
    },
  };
}

const words = (text: string): string[] => (text === '' ? [] : text.split(' '));
