/** Dashes citizens' keyboards produce (hyphen, en/em dash, minus, non-breaking hyphen) read as "-". */
export function unifyDashes(text: string): string {
  return text.replace(/[\u2010-\u2015\u2212\uFE63\uFF0D]/gu, '-');
}

/** Blanks out matched spans (same length, so positions stay valid) before the next extractor runs. */
export function maskSpans(text: string, pattern: RegExp): string {
  return text.replace(pattern, (match) => ' '.repeat(match.length));
}
