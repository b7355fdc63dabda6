import { foldDiacritics } from './normalise';

/**
 * The cues of a report to the authorities (phản ánh): its category, whether the message already
 * describes something, and the reference number a filed report gets. Part of the conversation
 * vocabulary (./vocabulary.ts), kept apart because the lists are long.
 */

/** A filed report's reference, "PA-241125-7K3Q". */
export const FEEDBACK_REFERENCE = /\bPA-\d{6}-[A-Z0-9]{4}\b/iu;

/**
 * Categories by cue words. Cues that collide once marks are removed ("thái độ" attitude vs "thải đổ"
 * dumping) are matched on the accented text only; the rest on the folded text too, so messages typed
 * without marks still land. The category with the most cues wins.
 */
const CATEGORIES: { id: string; label: string; accented: RegExp; folded: RegExp }[] = [
  {
    id: 'can-bo',
    label: 'Thái độ, trách nhiệm của cán bộ',
    accented: /(thái độ|hách dịch|bồi dưỡng|phong bì|tiêu cực|vòi vĩnh)/u,
    folded: /\b(can bo|nhan vien|cong chuc|gay kho|nhung nhieu|hach sach|voi vinh)\b/u,
  },
  {
    id: 'thu-tuc',
    label: 'Giải quyết thủ tục hành chính',
    accented: /(trễ hẹn|quá hạn)/u,
    folded: /\b(ho so|tre hen|qua han|thu tuc|mot cua|giai quyet)\b/u,
  },
  {
    id: 'ha-tang',
    label: 'Hạ tầng, giao thông',
    accented: /(đèn|ổ gà|cống|cầu|vỉa hè|hố ga|sụt lún|ngập)/u,
    folded: /\b(duong|den duong|o ga|ho ga|via he|sut lun|ngap|giao thong|cot dien)\b/u,
  },
  {
    id: 'moi-truong',
    label: 'Môi trường, vệ sinh',
    accented: /(rác|ô nhiễm|mùi|khói|nước thải|tiếng ồn|xả thải|vệ sinh)/u,
    folded: /\b(rac|o nhiem|mui hoi|khoi|nuoc thai|tieng on|xa thai|ve sinh)\b/u,
  },
  {
    id: 'trat-tu',
    label: 'An ninh, trật tự',
    accented: /(trộm|cướp|đánh nhau|lấn chiếm|trật tự|an ninh|trái phép|đua xe)/u,
    folded: /\b(trom|cuop|danh nhau|lan chiem|trat tu|an ninh|trai phep|karaoke|dua xe)\b/u,
  },
];

export function categorise(accented: string): { id: string; label: string } {
  const folded = foldDiacritics(accented);
  let best: { id: string; label: string; hits: number } = { id: 'khac', label: 'Khác', hits: 0 };
  for (const c of CATEGORIES) {
    const hits =
      (accented.match(new RegExp(c.accented.source, 'gu'))?.length ?? 0) +
      (folded.match(new RegExp(c.folded.source, 'gu'))?.length ?? 0);
    if (hits > best.hits) best = { id: c.id, label: c.label, hits };
  }
  return { id: best.id, label: best.label };
}

/** Words that only say "I want to report"; what is left after them is the substance. */
const REQUEST_WORDS = new Set(
  'toi em minh anh chi co muon can xin duoc gui lam phan anh kien nghi khieu nai to cao gop y bao cao ve viec mot cai nay cho hoi ad oi a voi nhe ak the nao sao dau o'.split(
    ' ',
  ),
);

export function describesSomething(foldedTokens: string[]): boolean {
  return foldedTokens.filter((t) => !REQUEST_WORDS.has(t)).length >= 2;
}
