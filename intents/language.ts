/**
 * Is the message Vietnamese? The assistant answers in Vietnamese only; a message in English (Nha Trang
 * has many foreign residents) or in another script gets one short English reply that says so and
 * offers a person. Vietnamese typed without marks is ASCII too, so English is recognised by its
 * function words, which Vietnamese chat does not use, never by the alphabet alone.
 */
export type MessageLanguage = 'vi' | 'en' | 'other';

/** English words that are not also an unmarked Vietnamese syllable or a common chat loanword. */
const ENGLISH_WORDS = new Set(
  (
    'is are was were been how what where when why which who whom whose could would should does did ' +
    'you your yours please need want get got help with this that these those its have has had for from ' +
    'about there here we our and or of if will know tell apply applying renew register registration ' +
    'card passport certificate office hours open opening marriage birth residence permit temporary foreigner ' +
    "foreign english speak speaking can't don't i'm i've lost stolen how's what's where's there's hello thanks thank " +
    'hi hey sorry much many cost costs fee fees pay paid document documents required require'
  ).split(' '),
);
/** Words English shares with Vietnamese chat or that citizens borrow ("ok", "online", "hi", "thanks"). */
const BORROWED = new Set(['hi', 'hey', 'hello', 'thanks', 'thank', 'sorry', 'fee', 'card', 'online', 'ok']);
const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;
const OTHER_SCRIPT =
  /[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Cyrillic}\p{Script=Thai}\p{Script=Arabic}\p{Script=Khmer}\p{Script=Lao}]/gu;
const WORD = /[\p{L}']+/gu;
/** Words of other languages written in Latin letters that Vietnamese chat never uses. */
const OTHER_LATIN = new Set(
  (
    'bonjour comment obtenir permis travail pourquoi merci vous nous je suis besoin hola gracias como donde ' +
    'necesito quiero guten danke bitte ich brauche wie kann privet spasibo'
  ).split(' '),
);
/** "English please", "tiếng Anh": the citizen asks for English. */
const ASKS_FOR_ENGLISH = /\b(english|tiếng anh|tieng anh)\b/iu;

export function messageLanguage(raw: string): MessageLanguage {
  const text = raw.normalize('NFC');
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return 'vi';
  const foreign = text.match(OTHER_SCRIPT)?.length ?? 0;
  if (foreign * 2 >= letters) return 'other';
  if (VIETNAMESE_LETTER.test(text)) return 'vi';
  const words = (text.toLowerCase().match(WORD) ?? []).map((w) => w.replace(/’/gu, "'"));
  if (ASKS_FOR_ENGLISH.test(text) && words.length <= 4) return 'en';
  if (words.filter((w) => OTHER_LATIN.has(w)).length >= 2) return 'other';
  const english = words.filter((w) => ENGLISH_WORDS.has(w));
  const proper = english.filter((w) => !BORROWED.has(w));
  // Two real English words making up a quarter of the message: "how much is the fee", "I lost my card".
  return proper.length >= 2 && english.length * 4 >= words.length ? 'en' : 'vi';
}
