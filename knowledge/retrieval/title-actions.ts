import { bigram } from './terms';

/**
 * Action words that set one procedure apart from its plain sibling: "Xóa đăng ký thường trú" is not
 * "Đăng ký thường trú", "Cấp lại thẻ căn cước" is not "Cấp thẻ căn cước". A message that does not say
 * the action ("đăng ký thường trú cần giấy tờ gì") means the plain procedure, yet BM25 scores both
 * about level. The index marks each document whose title carries such an action (a synthetic term per
 * action, see `titleActionTerms`); the searcher ranks those below their siblings when the message does
 * not say the action.
 */
interface TitleAction {
  /** Folded syllables as they appear in a title. */
  phrase: readonly string[];
  /** Folded syllables or pairs in a message that say this action (any one is enough). */
  said: readonly string[];
}

const TITLE_ACTIONS: Record<string, TitleAction> = {
  xoa: { phrase: ['xoa'], said: ['xoa', 'cat'] },
  huy: { phrase: ['huy'], said: ['huy'] },
  'thu-hoi': { phrase: ['thu', 'hoi'], said: [bigram('thu', 'hoi'), bigram('nop', 'lai')] },
  'gia-han': { phrase: ['gia', 'han'], said: ['han'] },
  'dieu-chinh': { phrase: ['dieu', 'chinh'], said: ['chinh', 'sua', 'sai', 'thay'] },
  'dinh-chinh': { phrase: ['dinh', 'chinh'], said: ['chinh', 'sua', 'sai'] },
  'cai-chinh': { phrase: ['cai', 'chinh'], said: ['chinh', 'sua', 'sai', 'doi'] },
  // "cấp lại", "đăng ký lại", "làm lại": the message says "lại" (also "mất" or "hỏng", the usual
  // reasons: a card damaged beyond use is re-issued, Luật Căn cước Điều 24 khoản 2).
  'cap-lai': { phrase: ['cap', 'lai'], said: ['lai', 'mat', 'hong'] },
  'ky-lai': { phrase: ['ky', 'lai'], said: ['lai', 'mat'] },
  doi: { phrase: ['doi'], said: ['doi', bigram('het', 'han'), 'hong'] },
  'cham-dut': {
    phrase: ['cham', 'dut'],
    said: ['dut', bigram('dong', 'cua'), 'nghi', 'ngung', bigram('giai', 'the')],
  },
  'tam-ngung': {
    phrase: ['tam', 'ngung'],
    said: ['ngung', 'nghi', bigram('tam', 'dung'), bigram('dong', 'cua')],
  },
  // "…không phải xin phép" is the other half of a pair ("chuyển mục đích sử dụng đất phải xin phép").
  'khong-phai': {
    phrase: ['khong', 'phai'],
    said: [bigram('khong', 'phai'), bigram('khong', 'can'), 'khoi'],
  },
  'giai-the': {
    phrase: ['giai', 'the'],
    said: [bigram('giai', 'the'), bigram('dong', 'cua'), bigram('cham', 'dut')],
  },
};

/** Never a folded syllable or pair (those hold letters, digits and one space only). */
const MARKER_PREFIX = '#title-action:';

export function titleActionTerm(action: string): string {
  return `${MARKER_PREFIX}${action}`;
}

function hasPhrase(run: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= run.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (run[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

/**
 * A title that also names the plain action on its own ("Cấp, cấp lại giấy phép…", "Đăng ký, gia hạn
 * bảo hiểm y tế…") serves the plain request as well: its actions do not set it apart.
 */
const PLAIN_ACTIONS = new Set(['cap', 'dang ky', 'cap moi', 'thanh lap', 'lam']);

/** Marker terms for the actions a document's titles carry (runs of folded syllables). */
export function titleActionTerms(titleRuns: readonly (readonly string[])[]): string[] {
  if (titleRuns.some((run) => PLAIN_ACTIONS.has(run.join(' ')))) return [];
  return Object.entries(TITLE_ACTIONS)
    .filter(([, action]) => titleRuns.some((run) => hasPhrase(run, action.phrase)))
    .map(([name]) => titleActionTerm(name));
}

/** Every action's marker term, and whether a message (its folded syllables and pairs) says it. */
export function titleActionsSaid(said: ReadonlySet<string>): { term: string; said: boolean }[] {
  return Object.entries(TITLE_ACTIONS).map(([name, action]) => ({
    term: titleActionTerm(name),
    said: action.said.some((term) => said.has(term)),
  }));
}
