import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { fold } from './text';

/** One row of Nghị quyết 1667/NQ-UBTVQH15's mapping of the former Ninh Thuận units (shared data). */
const MergerRowSchema = z.object({
  old_name: z.string(),
  old_district: z.string(),
  new_name: z.string(),
  share: z.string(),
});
type MergerRow = z.infer<typeof MergerRowSchema>;

export const DEFAULT_MERGER = new URL(
  '../../../shared/data/admin-units/former-ninh-thuan/ninh-thuan-merger-2025.json',
  import.meta.url,
);

export function loadMerger(path: string | URL = DEFAULT_MERGER): MergerRow[] {
  return z.array(MergerRowSchema).parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** "Phường Kinh Dinh" → "kinh dinh": the name without its type, folded. */
export const bareName = (name: string) =>
  fold(name)
    .replace(/^(thanh pho|thi tran|phuong|xa|huyen|thi xa)\s+/u, '')
    .trim();

/** The name without its type, lower case, marks kept. */
const withMarks = (name: string) =>
  name
    .normalize('NFC')
    .toLowerCase()
    .replace(/^(thành phố|thị trấn|phường|xã|huyện|thị xã)\s+/u, '')
    .trim();

export interface PlaceExpectation {
  /** The new units the old unit (or district) went to, bare names as written in the data. */
  newUnits: string[];
  /** Part of the old unit went one way and part another: the assistant must ask, not guess. */
  split: boolean;
}

/** What the data says an old unit (`old`) or a whole old district (`oldDistrict`) became. */
export function expectedPlace(
  rows: MergerRow[],
  query: { old?: string; oldDistrict?: string },
): PlaceExpectation {
  const wanted = query.old ?? query.oldDistrict ?? '';
  const nameOf = (r: MergerRow) => (query.old ? r.old_name : r.old_district);
  // Names that differ only by their marks (Thanh Hải, Thành Hải): match with marks first, folded only if none does.
  const accented = rows.filter((r) => withMarks(nameOf(r)) === withMarks(wanted));
  const matching = accented.length ? accented : rows.filter((r) => bareName(nameOf(r)) === bareName(wanted));
  if (matching.length === 0) throw new Error(`no former unit matches ${JSON.stringify(query)}`);
  const newUnits = [...new Set(matching.map((r) => r.new_name.replace(/^(Phường|Xã|Đặc khu)\s+/u, '')))];
  const split = query.old !== undefined && matching.some((r) => r.share !== 'full');
  return { newUnits, split };
}
