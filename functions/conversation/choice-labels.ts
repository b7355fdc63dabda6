/** Longest label of a quick reply offering a procedure (Zalo allows 100; a phone shows about 60). */
export const LABEL_LENGTH = 60;
/** Characters kept from the start of a title whose label shows its end. */
const HEAD_LENGTH = 27;

const truncate = (s: string, n: number) => (s.length <= n ? s : `${s.slice(0, n - 1).trimEnd()}…`);

/** As many of `words` as fit in `length` characters, in order (the first one always). */
function fitting(words: readonly string[], length: number): string[] {
  const kept: string[] = [];
  let size = 0;
  for (const word of words) {
    const grown = size + (kept.length > 0 ? 1 : 0) + word.length;
    if (kept.length > 0 && grown > length) break;
    kept.push(word);
    size = grown;
  }
  return kept;
}

/** The first words of `title` that fit in `length` characters. */
const head = (title: string, length: number): string =>
  fitting(title.split(/\s+/u), length)
    .join(' ')
    .replace(/[,;:–-]+$/u, '');

/** The last words of `title` that fit in `length` characters, without a dangling bracket. */
const tail = (title: string, length: number): string =>
  fitting(
    title
      .replace(/[)\]]+\s*$/u, '')
      .split(/\s+/u)
      .reverse(),
    length,
  )
    .reverse()
    .join(' ')
    .replace(/^[(,;:–-]\s*/u, '');

/**
 * Quick-reply labels for a choice between titles. Cut to one length, long official titles that
 * differ only near their end read the same ("Cấp, cấp lại Giấy xác nhận nuôi trồng thủy sản lồng
 * bè, đối…" three times): those show their start and their end instead, which is where such
 * siblings differ (the authority, the scope). Titles the same to the end keep their plain labels.
 */
export function choiceLabels(titles: readonly string[]): string[] {
  const plain = titles.map((t) => truncate(t, LABEL_LENGTH));
  const clashing = (labels: readonly string[], i: number) =>
    labels.some((other, j) => j !== i && other === labels[i] && titles[j] !== titles[i]);
  const ends = titles.map((title) => {
    const start = head(title, HEAD_LENGTH);
    return truncate(`${start} … ${tail(title, LABEL_LENGTH - start.length - 3)}`, LABEL_LENGTH);
  });
  return plain.map((label, i) => (clashing(plain, i) && !clashing(ends, i) ? (ends[i] ?? label) : label));
}
