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
