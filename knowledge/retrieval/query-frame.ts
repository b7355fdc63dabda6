/**
 * Words that frame a question about a procedure rather than name the procedure: "thủ tục", "hồ sơ gồm
 * những gì", "lệ phí bao nhiêu", "làm ở đâu", "mất bao lâu". They are the aspect cues of the NLU contract
 * and everyday question words. They still count (a few titles contain them) but weigh a fifth, so
 * "Trình tự thực hiện thủ tục X" ranks by X. Folded forms.
 */
export const FRAME_WEIGHT = 0.2;

const FRAME_WORDS = [
  // procedure and aspect nouns
  'thu tuc', 'trinh tu', 'thuc hien', 'ho so', 'giay to', 'thanh phan', 'le phi', 'phi', 'thoi gian',
  'thoi han', 'dieu kien', 'doi tuong', 'cach thuc', 'cach', 'quy trinh', 'cac buoc', 'buoc', 'muc',
  'noi', 'o dau', 'dau', 'truc tuyen', 'online', 'mau', 'to khai', 'can cu', 'phap ly', 'ket qua',
  // question words and chat filler
  'can', 'nhung', 'gi', 'gom', 'bao', 'lau', 'nhieu', 'bao nhieu', 'bao lau', 'nhu', 'the', 'nao',
  'the nao', 'nhu the nao', 'lam sao', 'sao', 'la', 'co', 'khong', 'duoc', 'toi', 'minh', 'em', 'anh',
  'chi', 'muon', 'hoi', 'cho', 'xin', 'vay', 'a', 'ad', 'ah', 'oi', 'nhe', 'voi', 'va', 'cua', 'de',
  'thi', 'phai', 'nop', 'tien', 'mat', 'het', 'khi', 'neu', 'nay', 'do', 've', 'tai', 'trong', 'di',
  'ai', 'gui', 'giup', 'hien', 'nay', 'hien nay', 'hay', 'ban',
];

const FRAME = new Set(FRAME_WORDS);

export function isFrameTerm(term: string): boolean {
  if (FRAME.has(term)) return true;
  const space = term.indexOf(' ');
  if (space < 0) return false;
  // A pair of two frame words ("can gi", "o dau") is frame too.
  return FRAME.has(term.slice(0, space)) && FRAME.has(term.slice(space + 1));
}
