/**
 * Words that frame a question about a procedure rather than name the procedure: "thủ tục", "hồ sơ gồm
 * những gì", "lệ phí bao nhiêu", "làm ở đâu", "mất bao lâu". They are the aspect cues of the NLU contract
 * and everyday question words. They still count (a few titles contain them) but weigh a fifth, so
 * "Trình tự thực hiện thủ tục X" ranks by X, and they never count towards coverage.
 *
 * Folded forms are ambiguous ("the" is "thế" in "thế nào" but "thẻ" in "thẻ căn cước"; "sao" is "sao"
 * in "làm sao" but "sao" in "bản sao"), so an ambiguous syllable is frame only inside a frame phrase.
 */
export const FRAME_WEIGHT = 0.2;

/** Syllables that are frame wherever they stand. */
const FRAME_SYLLABLES = new Set([
  'gi',
  'nhung',
  'nao',
  'nhieu',
  'toi',
  'xin',
  'vay',
  'a',
  'ad',
  'ah',
  'oi',
  'nhe',
  'voi',
  'va',
  'cua',
  'phai',
  'nay',
  've',
  'ai',
  'giup',
  'hay',
  'khong',
  'duoc',
  'la',
  'cho',
  'em',
  'phi',
  'nop',
  'gom',
  'online',
]);

/** Phrases whose syllables are frame together. */
const FRAME_PHRASES = [
  'thu tuc',
  'trinh tu',
  'thuc hien',
  'ho so',
  'giay to',
  'thanh phan',
  'le phi',
  'thoi gian',
  'thoi han',
  'dieu kien',
  'doi tuong',
  'cach thuc',
  'quy trinh',
  'cac buoc',
  'o dau',
  'noi nop',
  'truc tuyen',
  'mau don',
  'to khai',
  'can cu',
  'phap ly',
  'ket qua',
  'bao nhieu',
  'bao lau',
  'bao gio',
  'the nao',
  'nhu the nao',
  'lam sao',
  'tai sao',
  'the sao',
  'lam the nao',
  'cach nao',
  'cach lam',
  'mat bao lau',
  'mat may ngay',
  'may ngay',
  'het bao nhieu',
  'bao nhieu tien',
  'hien nay',
  'ban oi',
  'giai quyet',
  'can gi',
  'can nhung',
  'can lam',
  'can chuan bi',
  'can mang',
  'co the',
  'co duoc',
  'co phai',
  'co khong',
  'khong co',
  'tai sao',
  'tai dau',
  'o dau',
  'hoi ve',
  'cho hoi',
  'minh muon',
  'toi muon',
  'em muon',
  'bao lau',
  'lau khong',
  'thi sao',
  'khi nao',
  'trong bao lau',
].map((p) => p.split(' '));
/** Frame phrases by their first syllable, so a query is scanned without building strings. */
const PHRASES_BY_FIRST = new Map<string, string[][]>();
for (const phrase of FRAME_PHRASES) {
  const first = phrase[0] ?? '';
  PHRASES_BY_FIRST.set(first, [...(PHRASES_BY_FIRST.get(first) ?? []), phrase]);
}

/** For each token of the query, whether it frames the question. */
export function frameMask(folded: readonly string[]): boolean[] {
  const mask = folded.map((t) => FRAME_SYLLABLES.has(t));
  for (let i = 0; i < folded.length; i++) {
    const candidates = PHRASES_BY_FIRST.get(folded[i] ?? '');
    if (!candidates) continue;
    for (const phrase of candidates) {
      if (i + phrase.length > folded.length) continue;
      if (phrase.every((t, j) => folded[i + j] === t))
        for (let j = 0; j < phrase.length; j++) mask[i + j] = true;
    }
  }
  return mask;
}
