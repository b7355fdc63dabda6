import { type NormalisedText, normalise } from './normalise';
import { titleNamingWords } from './vocabulary';

/**
 * "báo mất xong thì làm hộ chiếu mới ở đâu", "sau khi ly hôn thì đổi hộ khẩu thế nào", "đăng ký kết
 * hôn rồi thì làm khai sinh cho con cần gì": a step done, then the question. What is asked about may
 * be the part after the sequence marker; the step before it is context, and its words (here "báo
 * mất") would otherwise pull the search to the procedure already done. Folded syllables: typed without
 * marks alike. Whether that part really names what is asked is the knowledge base's call
 * (knowledge/retrieval/asked-part.ts).
 *
 * Returns that part as its own text, or undefined when the message has no such marker, or when
 * nothing is said before it ("xong thì sao") or after it.
 */
export function questionAfterSequence(text: NormalisedText): NormalisedText | undefined {
  const marker = lastMarker(text.foldedTokens);
  if (marker === undefined) return undefined;
  if (titleNamingWords(text.foldedTokens.slice(0, marker.at)).length === 0) return undefined;
  return normalise(text.tokens.slice(marker.after).join(' '));
}

/** The last sequence marker: where it starts, and the first syllable after it. */
function lastMarker(folded: readonly string[]): { at: number; after: number } | undefined {
  let found: { at: number; after: number } | undefined;
  for (let i = 0; i < folded.length; i++) {
    const word = folded[i];
    const next = folded[i + 1];
    if (word === 'xong' || word === 'roi') {
      // "xong thì", "xong rồi (thì)", "rồi thì": a comma in between was dropped with punctuation.
      let j = i + 1;
      if (word === 'xong' && folded[j] === 'roi') j++;
      if (folded[j] === 'thi') found = { at: i, after: j + 1 };
      else if (word === 'xong' && j > i + 1) found = { at: i, after: j };
    } else if (word === 'sau' && next === 'do') found = { at: i, after: i + 2 };
    else if (word === 'sau' && next === 'khi') {
      // "sau khi <step> thì <question>": the step is what comes before "thì".
      const then = folded.indexOf('thi', i + 2);
      if (then > i + 2) found = { at: then, after: then + 1 };
    }
  }
  return found !== undefined && found.after < folded.length ? found : undefined;
}
