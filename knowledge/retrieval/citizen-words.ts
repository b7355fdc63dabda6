/**
 * Everyday words citizens use for things the catalogue names officially. Applied to the query as an
 * extra reading (the words as typed still count), so "làm lại căn cước" also reads "cấp lại căn cước"
 * and "sổ đỏ" also reads "giấy chứng nhận quyền sử dụng đất". General administrative vocabulary only;
 * the phrasings of particular procedures belong in the curated entries' aliases. Folded forms.
 */
const CITIZEN_WORDS: readonly (readonly [string, string])[] = [
  ['lam lai', 'cap lai'],
  ['lam moi', 'cap moi'],
  ['xin cap', 'cap'],
  ['lam can cuoc', 'cap the can cuoc'],
  ['lam cccd', 'cap the can cuoc'],
  ['can cuoc cong dan', 'can cuoc'],
  ['chung minh nhan dan', 'can cuoc'],
  ['lam ho chieu', 'cap ho chieu'],
  ['lam giay khai sinh', 'dang ky khai sinh'],
  ['lam khai sinh', 'dang ky khai sinh'],
  ['giay khai sinh', 'khai sinh'],
  ['lam giay ket hon', 'dang ky ket hon'],
  ['giay dang ky ket hon', 'dang ky ket hon'],
  ['giay chung tu', 'khai tu'],
  ['bao tu', 'khai tu'],
  ['so do', 'giay chung nhan quyen su dung dat'],
  ['so hong', 'giay chung nhan quyen su dung dat quyen so huu nha o'],
  ['lam so', 'cap giay chung nhan quyen su dung dat'],
  ['sang ten', 'chuyen nhuong'],
  ['mua ban dat', 'chuyen nhuong quyen su dung dat'],
  ['tach thua', 'tach thua dat'],
  ['ho khau', 'thuong tru'],
  ['bang lai', 'giay phep lai xe'],
  ['bang lai xe', 'giay phep lai xe'],
  ['bien so', 'bien so xe'],
  ['giay phep kinh doanh', 'giay chung nhan dang ky kinh doanh'],
  ['mo cong ty', 'thanh lap doanh nghiep'],
  ['thanh lap cong ty', 'thanh lap doanh nghiep'],
  ['mo quan', 'dang ky ho kinh doanh'],
  ['giai the cong ty', 'giai the doanh nghiep'],
  ['xay nha', 'giay phep xay dung nha o'],
  ['sua nha', 'giay phep xay dung sua chua cai tao'],
  ['ly lich tu phap', 'phieu ly lich tu phap'],
  ['cong chung', 'chung thuc'],
  ['photo cong chung', 'chung thuc ban sao'],
  ['sao y', 'chung thuc ban sao'],
  ['doc than', 'xac nhan tinh trang hon nhan'],
  ['phat nguoi', 'xu phat vi pham giao thong'],
  ['nop phat', 'nop tien phat'],
];

const TABLE: ReadonlyMap<string, readonly string[]> = new Map(
  CITIZEN_WORDS.map(([from, to]) => [from, to.split(' ')]),
);
const LONGEST = Math.max(...CITIZEN_WORDS.map(([from]) => from.split(' ').length));

/** The folded tokens with everyday words replaced by official ones, or undefined when none applies. */
export function officialReading(folded: readonly string[]): string[] | undefined {
  const out: string[] = [];
  let changed = false;
  let i = 0;
  while (i < folded.length) {
    let replaced = false;
    for (let n = Math.min(LONGEST, folded.length - i); n >= 1; n--) {
      const to = TABLE.get(folded.slice(i, i + n).join(' '));
      if (to) {
        out.push(...to);
        i += n;
        replaced = true;
        changed = true;
        break;
      }
    }
    if (!replaced) {
      out.push(folded[i] ?? '');
      i++;
    }
  }
  return changed ? out : undefined;
}
