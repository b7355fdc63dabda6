/**
 * A loose structural check of one folded (unmarked, lower-case) Vietnamese syllable:
 * optional onset, a vowel nucleus (with its glides), optional final consonant. It accepts some
 * syllables no one writes, but rejects what only a typo or a foreign word produces ("tucc", "hoso",
 * "asdfgh"), which is all the typo corrector needs: real syllables are never "corrected".
 */
const ONSET = '(?:ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|[bcdghklmnprstvx])?';
const NUCLEUS =
  '(?:oai|oay|oeo|uay|uoi|uou|uya|uye|uyu|ieu|yeu|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ya|ye|yu|a|e|i|o|u|y)';
const CODA = '(?:ch|ng|nh|[cmnpt])?';
const SYLLABLE = new RegExp(`^${ONSET}${NUCLEUS}${CODA}$`, 'u');

export function isVietnameseSyllable(folded: string): boolean {
  return SYLLABLE.test(folded);
}
