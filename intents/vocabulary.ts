import { extractDossierCodes } from './entities/dossier-code';
import { foldDiacritics, normalise } from './normalise';

export { categorise, describesSomething, FEEDBACK_REFERENCE } from './feedback-cues';

import type { Aspect } from './taxonomy';

/**
 * The conversation's one vocabulary: the words a citizen types instead of tapping a quick reply, and
 * the labels the assistant shows for the parts of a procedure. The flows read these; they keep no
 * cue lists of their own. Everything matches folded text (no marks, lower case), so "thôi", "thoi"
 * and "Thôi" are the same word.
 */

/** Quick-reply labels for the parts of a procedure (see `aspect` in ./entities/aspect.ts for the cues). */
export const ASPECT_LABEL: Record<Aspect, string> = {
  documents: 'Giấy tờ cần nộp',
  fee: 'Lệ phí',
  duration: 'Thời gian giải quyết',
  place: 'Nơi nộp',
  steps: 'Các bước thực hiện',
  online: 'Nộp trực tuyến',
  eligibility: 'Điều kiện',
};

/** What each aspect is called inside a sentence ("Chưa có thông tin về lệ phí…"). */
export const ASPECT_NAMES: Record<Aspect, string> = {
  documents: 'thành phần hồ sơ',
  fee: 'phí, lệ phí',
  duration: 'thời hạn giải quyết',
  place: 'nơi nộp hồ sơ',
  steps: 'trình tự thực hiện',
  online: 'nộp hồ sơ trực tuyến',
  eligibility: 'đối tượng và điều kiện',
};

const words = (list: string): string[] => list.split(',').map((w) => foldDiacritics(w.trim()));
const phrasePattern = (list: string[]): string => list.map((w) => w.replace(/ /gu, '\\s+')).join('|');
const startsWithAny = (list: string[]) => new RegExp(`^(?:${phrasePattern(list)})(?![a-z0-9])`, 'u');
const containsAny = (list: string[]) =>
  new RegExp(`(?<![a-z0-9])(?:${phrasePattern(list)})(?![a-z0-9])`, 'u');

const clean = (folded: string): string =>
  folded
    .replace(/[^\p{L}\p{N}\s/*]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();

/** Particles and forms of address that say nothing on their own ("dạ", "ạ", "ad ơi", "nhé"). */
const PARTICLES = new Set(
  words(
    'dạ, vâng, ạ, à, a, ơi, nhé, nha, nhá, ha, hả, đi, ad, admin, bạn, em, anh, chị, ak, ah, luôn, rồi, r',
  ),
);

// ── consent ─────────────────────────────────────────────────────────────────────────────────────

const NO = words('không đồng ý, từ chối, không, ko, k, hok, hông, no, khỏi, thôi');
const YES = words(
  'đồng ý, chắc chắn, có, ok, oke, okay, okie, được, đc, dc, vâng, ừ, u, uh, yes, đồng, chuẩn',
);
const NO_START = startsWithAny(NO);
const YES_START = startsWithAny(YES);

/** "đồng ý", "có", "ok" / "không", "thôi": a yes or a no, typed instead of tapped. */
export function consentFromWords(folded: string): boolean | undefined {
  const t = clean(folded);
  if (NO_START.test(t)) return false;
  if (YES_START.test(t)) return true;
  return undefined;
}

// ── cancel ──────────────────────────────────────────────────────────────────────────────────────

const CANCEL = words(
  'thôi khỏi, thôi không cần, thôi bỏ qua, thôi, hủy, huỷ, hủy bỏ, bỏ qua, không cần nữa, khỏi cần, dừng lại, dừng, cancel, stop',
);
const CANCEL_START = startsWithAny(CANCEL);

/** Words a cancel is made of, with its politeness: what is left after them is a question of its own. */
const CANCEL_WORDS = new Set(
  words(
    'thôi, khỏi, không, ko, cần, nữa, hủy, huỷ, bỏ, qua, dừng, lại, để, sau, lúc, khác, ạ, nhé, nha, đi, ad, bạn, mình, em, tôi, cảm, ơn, cancel, stop',
  ),
);

/** "thôi để sau, cho hỏi đổi căn cước hết bao nhiêu": the words left after the cancel. */
export function afterCancel(foldedTokens: readonly string[]): string[] {
  return foldedTokens.filter((t) => !CANCEL_WORDS.has(t));
}

/** "thôi", "hủy", "thôi khỏi": the citizen drops the question the assistant is waiting on. */
export function isCancel(folded: string): boolean {
  return CANCEL_START.test(clean(folded));
}

// ── a person ────────────────────────────────────────────────────────────────────────────────────

const PERSON = words(
  'cán bộ, nhân viên, người thật, tổng đài viên, điện thoại viên, chuyên viên, người trực, tư vấn viên, admin thật',
);
const MEET = words(
  'gặp, nói chuyện, nói chuyện với, chat với, nối máy, kết nối, chuyển, liên hệ với, cần, muốn gặp, cho gặp, gọi',
);
const PERSON_REQUEST = new RegExp(
  `(?<![a-z0-9])(?:${phrasePattern(MEET)})(?:\\s+\\S+){0,2}?\\s+(?:${phrasePattern(PERSON)})(?![a-z0-9])`,
  'u',
);

/** Foreign residents ask in English: "can I talk to a staff member", "a person please". */
const PERSON_REQUEST_EN =
  /\b(talk|speak|chat|connect)\b.*\b(staff|person|human|someone|somebody|agent|officer|operator|people)\b|\b(a|real) (person|human)\b|\bsomeone help\b/u;

/** "cho gặp nhân viên", "thôi nói chuyện với người thật": wants a person, whatever step is pending. */
export function asksForPerson(folded: string): boolean {
  const t = clean(folded);
  return PERSON_REQUEST.test(t) || PERSON_REQUEST_EN.test(t);
}

// ── ratings ─────────────────────────────────────────────────────────────────────────────────────

const STARS = /(?<![a-z0-9])([1-5])\s*(?:sao|\*|diem|d)(?![a-z0-9])/u;
const OUT_OF_FIVE = /(?<![a-z0-9])([1-5])\s*\/\s*5(?![0-9])/u;
const BAD = containsAny(
  words(
    'vô dụng, vô ích, tệ, kém, dở, chán, không hữu ích, chưa hữu ích, sai, không đúng, không hài lòng, chưa hài lòng, ngu',
  ),
);
const GOOD = containsAny(words('hữu ích, hay, tốt, chuẩn, hài lòng, tuyệt, xuất sắc, chính xác, dễ hiểu'));
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * "5 sao", "rất hữu ích", "trả lời vô dụng": a rating typed in words. `raw` is the message as sent:
 * a message of emoji only (👍, ⭐) is a reaction, not a rating.
 */
export function ratingFromWords(folded: string, raw?: string): number | undefined {
  if (raw !== undefined && !LETTER_OR_DIGIT.test(raw)) return undefined;
  const t = clean(folded);
  const stars = STARS.exec(t) ?? OUT_OF_FIVE.exec(folded);
  if (stars) return Number(stars[1]);
  if (BAD.test(t)) return 1;
  if (GOOD.test(t)) return 5;
  return undefined;
}

/** A bare score typed at the rating prompt: "4", "5 sao", "3*". */
export function bareScore(folded: string): number | undefined {
  const match = /^([1-5])\s*(?:sao|\*)?$/u.exec(clean(folded));
  return match ? Number(match[1]) : undefined;
}

// ── choosing from a list ────────────────────────────────────────────────────────────────────────

const ORDINAL_WORDS: Record<string, number> = {
  nhat: 1,
  dau: 1,
  'dau tien': 1,
  mot: 1,
  hai: 2,
  nhi: 2,
  ba: 3,
  bon: 4,
  tu: 4,
  nam: 5,
};
const CHOICE_HEAD = words('cái, số, mục, lựa chọn, chọn, thủ tục, phương án, ý, dòng, câu');

/**
 * "2", "cái thứ 2", "cái đầu", "số 1", "chọn thứ hai", "cái cuối": which item of a list just shown,
 * 1-based, or -1 for the last. Undefined when the message is not a choice.
 */
export function choiceFromWords(folded: string): number | undefined {
  const tokens = clean(folded)
    .split(' ')
    .filter((t) => t && !PARTICLES.has(t));
  let rest = tokens.join(' ');
  for (const head of CHOICE_HEAD)
    if (rest.startsWith(`${head} `) || rest === head) rest = rest.slice(head.length).trim();
  rest = rest.replace(/^thu\s+/u, '');
  if (/^\d$/u.test(rest)) return Number(rest);
  if (rest === 'cuoi' || rest === 'cuoi cung' || rest === 'sau cung') return -1;
  const ordinal = ORDINAL_WORDS[rest];
  // "một" / "ba" alone are too common to be a choice; after "cái", "thứ"… they are.
  if (ordinal !== undefined && (rest !== tokens.join(' ') || rest === 'dau' || rest === 'dau tien'))
    return ordinal;
  return undefined;
}

// ── dossier follow-up ───────────────────────────────────────────────────────────────────────────

/** A verb of telling, optionally "cho", then the citizen: "nhắn tin cho mình", "báo em", "thông báo cho tôi". */
const NOTIFY =
  /(?<![a-z0-9])(?:nhan tin|nhan|bao tin|bao lai|bao|thong bao|gui tin|goi)(?:\s+lai)?(?:\s+cho)?\s+(?:toi|em|minh|tui|chau|con|anh|chi|e)(?![a-z0-9])|(?<![a-z0-9])(?:theo doi|nhan thong bao)(?![a-z0-9])/u;

/** About digital addresses in general (what, why, how to get or fix one), not a look-up. */
const ADDRESS_ABOUT =
  /\b(la gi|de lam gi|dung de|loi ich|tac dung|cach (dang ky|lam|cap|xin)|dang ky|cap (ma|moi)|xin cap|sua|dieu chinh|cap nhat|sai|thay doi|gan ma|bien gan)\b/u;
/** A look-up of one address: "tra mã địa chỉ số nhà tôi", "mã địa chỉ số của công ty là gì". */
const ADDRESS_LOOKUP =
  /\b(tra|tim|xem|kiem tra|cua nha|nha toi|nha minh|cua toi|cua cong ty|ma dia chi so (cua|la))\b/u;

export const asksAboutDigitalAddresses = (folded: string): boolean => ADDRESS_ABOUT.test(folded);
export const asksToLookUpAnAddress = (folded: string): boolean => ADDRESS_LOOKUP.test(folded);

/**
 * "Xóa dữ liệu của tôi" and the ways people say it: a verb of removal, then personal data or
 * information, then whose it is (mine, personal). Read on folded text, so it works without accents.
 */
const ERASE_REQUEST =
  /\b(xoa|huy|go|xoa bo|xoa het)\b.{0,24}\b(du lieu|thong tin)\b.{0,30}\b(cua toi|cua minh|cua em|cua tui|cua tao|ca nhan)\b/u;

/** A data-subject request to delete what the assistant holds about the person. */
export function isErasureRequest(text: string): boolean {
  return ERASE_REQUEST.test(foldDiacritics(text.toLowerCase()));
}

/**
 * Words a question about a filed dossier says: the dossier, its code or receipt, looking it up, how
 * far it got. "tính theo trang hay theo bản" says none of them, though its "tính … trang" folds
 * close to "tình trạng".
 */
const DOSSIER_WORDS = containsAny(
  words(
    'hồ sơ, mã hồ sơ, mã số, mã biên nhận, giấy hẹn, biên nhận, phiếu hẹn, tra cứu, tiến độ, kết quả, đến đâu, tới đâu, xong chưa, được chưa, có chưa, duyệt, tình trạng, trạng thái, bổ sung, trả hồ sơ',
  ),
);
export function mentionsDossier(folded: string, raw: string): boolean {
  return DOSSIER_WORDS.test(clean(folded)) || looksLikeCodeAttempt(raw) || dossierCodesIn(raw).length > 0;
}

/** "nhắn cho tôi khi có kết quả", "báo em khi xong": subscribe to the dossier just shown. */
export function asksToBeNotified(folded: string): boolean {
  return NOTIFY.test(clean(folded));
}

/**
 * The dossier codes of a message: the contract's shape, narrowed to the province's exact pattern
 * (DOSSIER_CODE_PATTERN) when one is configured.
 */
export function dossierCodesIn(raw: string, provincePattern?: RegExp): string[] {
  const codes = extractDossierCodes(raw);
  return provincePattern ? codes.filter((code) => new RegExp(provincePattern.source, 'u').test(code)) : codes;
}

/**
 * The dossier code a citizen typed at the code prompt, even when it does not have the province's
 * shape ("123456"): a run of digits, letters and dots, possibly with dashes, with at least 4 digits.
 */
export function looksLikeCodeAttempt(raw: string): boolean {
  const t = raw.trim();
  return /^[\p{L}\p{N}.\-\s]{4,40}$/u.test(t) && (t.match(/\d/gu)?.length ?? 0) >= 4 && !/\s\S+\s/u.test(t);
}

/** "5678" at the phone prompt: the last four digits of the phone on file. */
export function lastFourDigits(raw: string): string | undefined {
  return /^\s*(\d{4})\s*$/u.exec(raw)?.[1];
}

// ── follow-up questions ─────────────────────────────────────────────────────────────────────────

/**
 * Words that ask for an aspect or hold the sentence together, without naming a procedure. A message
 * made only of these ("thế lệ phí bao nhiêu?", "nộp online được không", "hết bao nhiêu") continues
 * the previous topic.
 */
const ASPECT_AND_FILLER = new Set(
  (
    'the thi vay a ad oi nhe nha ha ak ah co khong ko k hok hong duoc dc đc can gi j nhung nao bao nhieu lau may ngay tuan thang mat het ' +
    'tien le phi phi muc thu nop o dau tai noi cho online onl truc tuyen qua mang dien tu internet lam sao the nao buoc cac trinh tu ' +
    'thu tuc giay to ho so gom nhu dieu kien ai doi tuong yeu cau minh toi em anh chi ban con va voi hay hoac phai tra ket qua ' +
    'thoi gian giai quyet xu ly cua do nay kia xong nhanh cham ton dong gia bi mang theo chuan bi nhan lay bang cach o dau nua ' +
    'roi r vay ha hả la gi luon di ra sao cai viec khi hoi biet xin admin lan duoc khong uh u vang da oke ok vs nhieu it hom bua gio ngay lam viec'
  ).split(' '),
);

/** True when every word of the message is an aspect cue or a filler: it names no procedure. */
export function namesNoProcedure(foldedTokens: readonly string[]): boolean {
  return foldedTokens.every((t) => ASPECT_AND_FILLER.has(t) || /^\d+$/u.test(t));
}

/**
 * Function words, and the verbs every procedure shares ("đăng ký", "cấp"): sharing them with a name
 * says nothing about which procedure is meant.
 */
const FUNCTION_WORDS = new Set(
  'tren duoi trong ngoai cua va voi cho tai o cac nhung la ve theo den tu sang khi bi hoac lai dang ky cap'.split(
    ' ',
  ),
);

/** The words of a message that name something: not aspect cues, fillers, function words or numbers. */
export function contentWords(foldedTokens: readonly string[]): string[] {
  return foldedTokens.filter((t) => !ASPECT_AND_FILLER.has(t) && !FUNCTION_WORDS.has(t) && !/^\d+$/u.test(t));
}

/**
 * The words of a procedure's title that name it: all but the function words and the verbs every
 * procedure shares. Unlike `contentWords`, aspect and filler words stay: in a title "kết" is "kết hôn",
 * not the "kết" of "kết quả".
 */
export function titleNamingWords(foldedTokens: readonly string[]): string[] {
  return foldedTokens.filter((t) => !FUNCTION_WORDS.has(t) && !/^\d+$/u.test(t));
}

/** Words that name what is done to a paper (lost, again, exchanged, cancelled…), as written with marks. */
const ACTION_SPELLINGS = [
  'lại',
  'mất',
  'đổi',
  'hủy',
  'huỷ',
  'xóa',
  'xoá',
  'hỏng',
  'tách',
  'nhập',
  'sửa',
  'chỉnh',
  'ngưng',
  'chuyển',
];
const ACTIONS = new Set(ACTION_SPELLINGS.map(foldDiacritics));
const ACTIONS_MARKED = new Set(ACTION_SPELLINGS);
/** After "mất", these make it "it takes" (mất bao lâu, mất tiền), not "lost". */
const AFTER_TAKES = new Set('bao may het tien phi thoi nhieu ngay gio'.split(' '));

/**
 * Action words of a message. "mất" only when it means lost: not "mất bao lâu" (it takes), not "mặt"
 * typed with its marks, not "có mặt" typed without them (be present); "lái" is not "lại".
 */
export function actionWords(foldedTokens: readonly string[], tokens: readonly string[] = []): string[] {
  return foldedTokens.filter((t, i) => {
    if (!ACTIONS.has(t)) return false;
    // Typed with marks, it must be the action's own spelling: "bằng lái" is not "lại", "mặt" not "mất".
    const typed = tokens[i];
    if (typed !== undefined && typed !== t && !ACTIONS_MARKED.has(typed)) return false;
    if (t !== 'mat') return true;
    return !AFTER_TAKES.has(foldedTokens[i + 1] ?? '') && foldedTokens[i - 1] !== 'co';
  });
}

/** Particles that close a yes/no question, and what may trail them ("ko ạ", "không vậy ad"). */
const YES_NO_END = new Set('khong ko k hong hok khg kg'.split(' '));
const TRAILING = new Set('a ak ah ha nhi nhe nha vay ad'.split(' '));

/**
 * "có cần giấy khám sức khỏe không", "phải có sổ hộ khẩu ko ạ": whether something is needed, a
 * yes/no question, not a request for a list ("cần gì") or for the thing itself.
 */
export function asksWhetherNeeded(foldedTokens: readonly string[]): boolean {
  let end = foldedTokens.length;
  while (end > 0 && TRAILING.has(foldedTokens[end - 1] ?? '')) end--;
  if (!YES_NO_END.has(foldedTokens[end - 1] ?? '')) return false;
  return foldedTokens
    .slice(0, end - 1)
    .some((t, i, all) => t === 'can' || (t === 'phai' && all[i + 1] === 'co'));
}

/**
 * "còn nộp online thì sao", "chủ nhật thì sao", "thế còn ở phường khác?": the same question again,
 * about something else. A short message that opens with "còn" or closes with "thì sao".
 */
const SAME_AGAIN_MAX_WORDS = 7;
export function asksSameAgain(folded: string): boolean {
  const t = clean(folded);
  if (t.split(' ').length > SAME_AGAIN_MAX_WORDS) return false;
  const asks = /(thi sao|the nao|ra sao|sao|\?)$/u.test(`${t}${folded.trim().endsWith('?') ? '?' : ''}`);
  return asks && (/^(the\s+)?con\s/u.test(t) || /\sthi (sao|the nao|ra sao)$/u.test(t));
}

// ── working days and hours ──────────────────────────────────────────────────────────────────

/** What a question about an office's working time asks: a day, or its hours. */
export type ScheduleAsked = 'saturday' | 'sunday' | 'weekend' | 'holiday' | 'hours';

const SCHEDULE_DAYS: readonly [ScheduleAsked, RegExp][] = [
  ['saturday', containsAny(words('thứ 7, thứ bảy, t7'))],
  ['sunday', containsAny(words('chủ nhật'))],
  ['weekend', containsAny(words('cuối tuần, ngày nghỉ'))],
  ['holiday', containsAny(words('ngày lễ, nghỉ lễ, lễ tết, ngày tết, nghỉ tết, dịp tết'))],
];
/** With a day: the office works, opens, takes dossiers, it can be done ("thứ 7 làm khai sinh được không"). */
const WORKS = containsAny(
  words(
    'làm việc, mở cửa, nhận hồ sơ, tiếp nhận, tiếp dân, trực, có làm không, có làm ko, làm không, làm ko, được không, được ko, dc ko, đc ko',
  ),
);
const HOURS = containsAny(
  words(
    'giờ làm việc, giờ mở cửa, giờ hành chính, mấy giờ mở cửa, mấy giờ làm việc, làm việc mấy giờ, làm việc đến mấy giờ, mở cửa mấy giờ, mấy giờ đóng cửa, mấy giờ nghỉ',
  ),
);

/**
 * "thứ 7 công an phường có làm việc ko", "giờ làm việc của UBND xã", and right after such a question
 * (`followUp`) the bare "chủ nhật thì sao": what working time is asked about, if any.
 */
export function scheduleAsked(folded: string, followUp = false): ScheduleAsked | undefined {
  const t = clean(folded);
  for (const [day, pattern] of SCHEDULE_DAYS) if (pattern.test(t) && (followUp || WORKS.test(t))) return day;
  return HOURS.test(t) ? 'hours' : undefined;
}

// ── matters for a person ────────────────────────────────────────────────────────────────────────

/** Matters where a wrong automatic answer costs too much: hand them to a person when unsure. */
export const SENSITIVE = containsAny(
  words('khiếu nại, tố cáo, tham nhũng, hối lộ, bạo lực, xâm hại, khẩn cấp, cấp cứu, tự tử, đe dọa, lừa đảo'),
);

/** Words that name a report to the authorities: with them a feedback form opens at once. */
export const REPORT_WORDS = containsAny(
  words('phản ánh, kiến nghị, khiếu nại, tố cáo, góp ý, báo cáo, báo hỏng, tố giác'),
);

/** "khiếu nại", "tố cáo": a complaint in the legal sense (its own channel, the citizens' reception). */
export const COMPLAINT = containsAny(words('khiếu nại, tố cáo'));

/**
 * Calling out or waiting impatiently ("alo alo có ai ko", "sao lâu vậy", "còn đó không"): the citizen
 * checks someone is there. Every word is one of these, and there are only a few.
 */
const CALLING = new Set(
  words(
    'alo, a, lô, ê, e, ơi, có, ai, không, ko, k, hok, đó, đây, hello, hi, ad, admin, bạn, sao, lâu, vậy, quá, thế, nhỉ, còn, nè, chờ, đợi, mãi, luôn, ạ, hả, trời',
  ),
);
const MAX_CALLING_WORDS = 6;
export function isCalling(folded: string): boolean {
  const tokens = clean(folded).split(' ').filter(Boolean);
  return tokens.length > 0 && tokens.length <= MAX_CALLING_WORDS && tokens.every((t) => CALLING.has(t));
}

/** Normalises a cue phrase the way messages are (tests and tools). */
export const foldPhrase = (phrase: string): string => normalise(phrase).folded;

// ── places after the 1 July 2025 merger ─────────────────────────────────────────────────────────

/**
 * Where a procedure's record says to submit, when that is the commune level: the one-stop desk of
 * the People's Committee of a xã/phường, or its police. Folded text of the record's place aspect.
 */
const COMMUNE_DESK = containsAny(words('cấp xã, xã, phường'));
const COMMUNE_POLICE = containsAny(words('công an xã, công an cấp xã, công an phường'));
export function communeLevelPlace(foldedPlace: string): 'one_stop' | 'police' | undefined {
  if (COMMUNE_POLICE.test(foldedPlace)) return 'police';
  return COMMUNE_DESK.test(foldedPlace) ? 'one_stop' : undefined;
}

/** Level words of a commune-level unit today, folded. */
const UNIT_KIND_WORDS = new Set(words('phường, xã, đặc khu, thị trấn'));

/**
 * "vậy là phường hay xã", "xã hay phường vậy": the citizen asks which kind of unit theirs is — two
 * level words on either side of "hay".
 */
export function asksUnitKind(foldedTokens: readonly string[]): boolean {
  const or = foldedTokens.indexOf('hay');
  if (or <= 0) return false;
  const before = foldedTokens.slice(Math.max(0, or - 2), or).join(' ');
  const after = foldedTokens.slice(or + 1, or + 3);
  const kindAt = (text: string) => [...UNIT_KIND_WORDS].some((w) => text === w || text.endsWith(` ${w}`));
  return kindAt(before) && [after[0] ?? '', after.join(' ')].some((t) => UNIT_KIND_WORDS.has(t));
}

/** Words that frame a unit's name ("còn xã … bên huyện … cũ thì sao") without naming a procedure. */
const PLACE_FRAME = new Set(
  words('phường, xã, huyện, thị trấn, thị xã, thành phố, tp, tỉnh, đặc khu, cũ, mới, bên, thuộc, nay, giờ'),
);

/** Whether a message, its unit names taken out, asks about nothing but the units. */
export function namesOnlyPlaces(foldedTokensWithoutNames: readonly string[]): boolean {
  return contentWords(foldedTokensWithoutNames).every((word) => PLACE_FRAME.has(word));
}
