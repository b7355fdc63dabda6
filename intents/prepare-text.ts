import { canonicalAccented, type NormalisedText, normalise } from './normalise';
import { expandShorthandTokens } from './shorthand/expand-shorthand';
import { EMOJI_WORDS } from './shorthand/shorthand-table';
import { type CorrectionBudget, correctionBudget, correctToken, type Lexicon } from './typo/lexicon';

const TOKEN = /[\p{L}\p{N}]+/gu;
/**
 * "alooo", "nhaaaa", "khônggg": Vietnamese never triples a letter, chat does, on vowels and at the end
 * of a word. A consonant run inside a word is an abbreviation ("cccd") and stays.
 */
const REPEATED_VOWEL = /([aeiouyăâêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ])\1{2,}/gu;
const REPEATED_FINAL = /(\p{L})\1{2,}(?!\p{L})/gu;
const EMOJI = new RegExp(`(${Object.keys(EMOJI_WORDS).join('|')})\uFE0F?`, 'gu');

function emojiAsWords(text: string): string {
  return text.replace(EMOJI, (_whole, emoji: string) => ` ${EMOJI_WORDS[emoji] ?? ''} `);
}

/**
 * The one chain every message goes through before classification, entity extraction and retrieval:
 * emoji read as words → `canonicalAccented` (NFC, tone placement, lower case) → letter runs
 * collapsed → shorthand expanded by context → tokens that cannot be Vietnamese corrected against the
 * lexicon (when one is given).
 * The result keeps the shape of `normalise` (punctuation and codes stay where they were, `raw` is the
 * message as received), so every consumer reads the same text.
 * Corrections share one `budget` for the whole message, so their work is bounded whatever is sent.
 */
export function prepareText(
  raw: string,
  lexicon?: Lexicon,
  budget: CorrectionBudget = correctionBudget(),
): NormalisedText {
  const base = canonicalAccented(emojiAsWords(raw))
    .replace(REPEATED_VOWEL, '$1')
    .replace(REPEATED_FINAL, '$1');
  const matches = [...base.matchAll(TOKEN)];
  const expansions = expandShorthandTokens(matches.map((match) => match[0]));

  let rebuilt = '';
  let cursor = 0;
  matches.forEach((match, index) => {
    const start = match.index;
    rebuilt += base.slice(cursor, start);
    let replacement = expansions[index];
    if (replacement === undefined && lexicon)
      replacement = correctToken(match[0], lexicon, budget)?.join(' ');
    rebuilt += replacement ?? match[0];
    cursor = start + match[0].length;
  });
  rebuilt += base.slice(cursor);

  return { ...normalise(rebuilt), raw };
}
