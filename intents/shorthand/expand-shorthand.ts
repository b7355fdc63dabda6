import { foldDiacritics } from '../normalise';
import { SAFE_SHORTHAND } from './shorthand-table';

/** A Map, so that tokens such as "constructor" never hit Object.prototype. */
const SAFE: ReadonlyMap<string, string> = new Map(Object.entries(SAFE_SHORTHAND));

/**
 * Expands chat shorthand token by token. Input tokens are canonical accented syllables
 * (see `normalise`); the result has, for every token, either its expansion or `undefined` (keep).
 * Ambiguous tokens look at their folded neighbours, because the neighbours are as likely to be
 * typed without marks as the token itself.
 */
export function expandShorthandTokens(tokens: readonly string[]): (string | undefined)[] {
  const folded = tokens.map(foldDiacritics);
  return tokens.map((token, index) => {
    const context: TokenContext = {
      previous: folded[index - 1],
      next: folded[index + 1],
      afterNext: folded[index + 2],
      isLast: index === tokens.length - 1,
    };
    const resolver = AMBIGUOUS_RESOLVERS.get(token);
    if (resolver) return resolver(context);
    return SAFE.get(token);
  });
}

/** Convenience for tests and tooling: the expanded token list. */
export function expandShorthand(tokens: readonly string[]): string[] {
  const expansions = expandShorthandTokens(tokens);
  return tokens.flatMap((token, index) => (expansions[index] ?? token).split(' '));
}

interface TokenContext {
  previous: string | undefined;
  next: string | undefined;
  afterNext: string | undefined;
  isLast: boolean;
}

const isIn = (word: string | undefined, words: ReadonlySet<string>): boolean =>
  word !== undefined && words.has(word);
const isNumber = (word: string | undefined): boolean => word !== undefined && /^\d+$/u.test(word);

/** "dc số", "dc nhà", "dc của ubnd", "tra dc": địa chỉ; otherwise "được" (by far the commoner). */
const ADDRESS_NEXT = new Set([
  'so',
  'nha',
  'email',
  'mail',
  'ubnd',
  'uy',
  'cua',
  'lien',
  'thuong',
  'tam',
  'cu',
  'tru',
]);
const ADDRESS_PREVIOUS = new Set(['tra', 'cuu', 'xem', 'gan', 'cap', 'nhat']);
function resolveDc(context: TokenContext): string {
  // "có" after "dc" is far more often "được có" than "địa chỉ cơ quan"; only "cơ quan" counts.
  if (context.next === 'co') return context.afterNext === 'quan' ? 'địa chỉ' : 'được';
  if (isIn(context.next, ADDRESS_NEXT) || isIn(context.previous, ADDRESS_PREVIOUS)) return 'địa chỉ';
  return 'được';
}

/** "sổ hk", "tách hk", "nhập hk": hộ khẩu; "hk 2", "điểm hk": học kỳ; "được hk", "... hk?": không. */
const HOUSEHOLD_PREVIOUS = new Set([
  'so',
  'tach',
  'nhap',
  'chuyen',
  'cat',
  'xoa',
  'ky',
  'ban',
  'giu',
  'theo',
]);
const TERM_PREVIOUS = new Set(['hoc', 'diem', 'thi', 'cuoi', 'giua', 'ket']);
const NOT_PREVIOUS = new Set([
  'co',
  'duoc',
  'dc',
  'phai',
  'chua',
  'biet',
  'dung',
  'hay',
  'nhi',
  'the',
  'roi',
]);
const PARTICLES = new Set([
  'a',
  'ad',
  'admin',
  'vay',
  'nhi',
  'ta',
  'em',
  'anh',
  'chi',
  'ban',
  'nha',
  'nhe',
  'ha',
]);
function resolveHk(context: TokenContext): string {
  if (isNumber(context.next) || isIn(context.previous, TERM_PREVIOUS)) return 'học kỳ';
  if (isIn(context.previous, HOUSEHOLD_PREVIOUS) || context.next === 'thuong' || context.next === 'goc') {
    return 'hộ khẩu';
  }
  if (context.isLast || isIn(context.next, PARTICLES) || isIn(context.previous, NOT_PREVIOUS)) return 'không';
  return 'hộ khẩu';
}

/** "50 k" is a price; otherwise "k" is "không". */
function resolveK(context: TokenContext): string {
  return isNumber(context.previous) ? 'nghìn' : 'không';
}

/** "bn tiền", "mất bn", "bn ngày": bao nhiêu; "bn ơi", "cảm ơn bn", "bn giúp": bạn. */
const FRIEND_NEXT = new Set(['oi', 'giup', 'la', 'biet', 'hieu', 'noi', 'tra', 'lam', 'co', 'hoi', 'cho']);
const FRIEND_PREVIOUS = new Set(['chao', 'on', 'hi', 'hello', 'cua', 'voi', 'giup', 'nho']);
const AMOUNT_NEXT = new Set([
  'tien',
  'ngay',
  'lau',
  'thang',
  'tuan',
  'nam',
  'tuoi',
  'phan',
  'gio',
  'nghin',
  'trieu',
]);
function resolveBn(context: TokenContext): string {
  if (isIn(context.next, AMOUNT_NEXT)) return 'bao nhiêu';
  if (isIn(context.next, FRIEND_NEXT) || isIn(context.previous, FRIEND_PREVIOUS)) return 'bạn';
  return 'bao nhiêu';
}

/** "quên mk", "đổi mk", "mk vneid": mật khẩu; otherwise "mk" is "mình". */
const PASSWORD_PREVIOUS = new Set([
  'quen',
  'doi',
  'lay',
  'nhap',
  'sai',
  'dat',
  'reset',
  'cap',
  'khoi',
  'tao',
]);
const PASSWORD_NEXT = new Set(['vneid', 'cu', 'moi', 'dang', 'tai', 'cap']);
function resolveMk(context: TokenContext): string {
  if (isIn(context.previous, PASSWORD_PREVIOUS) || isIn(context.next, PASSWORD_NEXT)) return 'mật khẩu';
  return 'mình';
}

/** "đủ đk", "đk để", "đk hưởng": điều kiện; otherwise "đk" is "đăng ký" ("đk kết hôn"). */
const CONDITION_PREVIOUS = new Set(['du', 'nhung', 'cac', 'ung', 'theo', 'kien']);
const CONDITION_NEXT = new Set(['de', 'huong', 'nao', 'la']);
function resolveDk(context: TokenContext): string {
  if (isIn(context.previous, CONDITION_PREVIOUS) || isIn(context.next, CONDITION_NEXT)) return 'điều kiện';
  if (context.previous === 'can' && (context.next === 'gi' || context.next === 'j')) return 'điều kiện';
  return 'đăng ký';
}

/**
 * "a" is "anh" when it is addressed or acts ("a ơi", "cho a hỏi", "em chào a ..."); at the end of a
 * message it may just as well be an unmarked "ạ", so it is left alone there.
 */
const BROTHER_NEXT = new Set([
  'oi',
  'hoi',
  'cho',
  'giup',
  'co',
  'muon',
  'can',
  'lam',
  'dang',
  'da',
  'moi',
  'xem',
]);
const BROTHER_PREVIOUS = new Set(['cho', 'giup', 'chao', 'voi', 'nho', 'hoi']);
function resolveA(context: TokenContext): string | undefined {
  if (context.isLast) return undefined;
  if (isIn(context.next, BROTHER_NEXT) || isIn(context.previous, BROTHER_PREVIOUS)) return 'anh';
  return undefined;
}

type Resolver = (context: TokenContext) => string | undefined;
const AMBIGUOUS_RESOLVERS: ReadonlyMap<string, Resolver> = new Map<string, Resolver>([
  ['dc', resolveDc],
  ['đc', resolveDc],
  ['hk', resolveHk],
  ['k', resolveK],
  ['bn', resolveBn],
  ['mk', resolveMk],
  ['dk', resolveDk],
  ['đk', resolveDk],
  ['a', resolveA],
]);

/** The tokens read by context rather than by table. */
export const AMBIGUOUS_SHORTHAND_TOKENS: readonly string[] = [...AMBIGUOUS_RESOLVERS.keys()];
