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
  const matching = rows.filter((r) =>
    query.old
      ? bareName(r.old_name) === bareName(query.old)
      : bareName(r.old_district) === bareName(query.oldDistrict ?? ''),
  );
  if (matching.length === 0) throw new Error(`no former unit matches ${JSON.stringify(query)}`);
  const newUnits = [...new Set(matching.map((r) => r.new_name.replace(/^(Phường|Xã|Đặc khu)\s+/u, '')))];
  const split = query.old !== undefined && matching.some((r) => r.share !== 'full');
  return { newUnits, split };
}
