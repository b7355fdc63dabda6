import { existsSync, readFileSync } from 'node:fs';
import * as z from 'zod';

/** The national procedure catalogue, read for its vocabulary only (typo lexicon), at training time. */
export const DEFAULT_CATALOGUE_PATH = new URL('../../../shared/data/tthc/procedures.jsonl', import.meta.url)
  .pathname;

const RecordSchema = z.object({ ten_thu_tuc: z.string() });

export function readCatalogueTitles(path: string = DEFAULT_CATALOGUE_PATH): string[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .flatMap((line) => {
      const parsed = RecordSchema.safeParse(JSON.parse(line));
      return parsed.success ? [parsed.data.ten_thu_tuc] : [];
    });
}
