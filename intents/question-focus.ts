import { findAspectCues } from './entities/aspect';
import { type NormalisedText, normalise } from './normalise';
import { titleNamingWords } from './vocabulary';

/**
 * "báo mất xong thì làm hộ chiếu mới ở đâu", "sau khi ly hôn thì đổi hộ khẩu thế nào", "nộp hồ sơ rồi
 * thì đóng phí ở đâu": a step done, then the question. What is asked about is the part after the
 * sequence marker; the step before it is context, and its words (here "báo mất") would otherwise pull
 * the search to the procedure already done. Folded syllables: typed without marks alike.
 *
 * Returns that part as its own text, or undefined when the message has no such marker, when nothing
 * comes before it ("xong thì sao"), or when what follows names too little to search on its own
 * ("xong rồi thì bao lâu"): then the whole message is the question.
 */
export function questionAfterSequence(text: NormalisedText): NormalisedText | undefined {
  const start = afterLastMarker(text.foldedTokens);
  if (start === undefined) return undefined;
  if (titleNamingWords(text.foldedTokens.slice(0, start)).length === 0) return undefined;
  const asked = normalise(text.tokens.slice(start).join(' '));
  return namedWords(asked).length >= MIN_TAIL_WORDS ? asked : undefined;
}

/** Words outside the aspect cues and function words: what the part names ("đổi hộ khẩu"). */
export function namedWords(text: NormalisedText): string[] {
  const cue = new Set<number>();
  for (const match of findAspectCues(text)) {
    const length = match.phrase.split(' ').length;
    for (let i = 0; i < length; i++) cue.add(match.position + i);
  }
  return titleNamingWords(text.foldedTokens.filter((_, i) => !cue.has(i)));
}

/** Words a question after the marker must name to be searched on its own ("hộ chiếu mới"). */
const MIN_TAIL_WORDS = 2;

/** Index of the first syllable after the last sequence marker, if any. */
function afterLastMarker(folded: readonly string[]): number | undefined {
  let start: number | undefined;
  for (let i = 0; i < folded.length; i++) {
    const word = folded[i];
    const next = folded[i + 1];
    if (word === 'xong' || word === 'roi') {
      // "xong thì", "xong rồi (thì)", "rồi thì": a comma in between was dropped with punctuation.
      let j = i + 1;
      if (word === 'xong' && folded[j] === 'roi') j++;
      if (folded[j] === 'thi') start = j + 1;
      else if (word === 'xong' && j > i + 1) start = j;
    } else if (word === 'sau' && next === 'do') start = i + 2;
    else if (word === 'sau' && next === 'khi') {
      const then = folded.indexOf('thi', i + 2);
      if (then > i + 2) start = then + 1;
    }
  }
  return start !== undefined && start < folded.length ? start : undefined;
}
