import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { CURATED_DIR } from '../data-files';

/**
 * The curated layer: knowledge/curated/*.json, each an array of knowledge entries (kind `curated` or
 * `faq`) written by the content team. Read raw here; the schema check happens in `kb:check` and
 * `kb:build`, which report every problem with its file and position instead of stopping at the first.
 */
export interface CuratedFile {
  file: string;
  entries: unknown[];
  /** Set when the file is not a JSON array. */
  error?: string;
}

const ArrayOfAnything = z.array(z.unknown());

export function readCuratedFiles(dir = CURATED_DIR): CuratedFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => {
      try {
        const parsed = ArrayOfAnything.safeParse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
        return parsed.success
          ? { file, entries: parsed.data }
          : { file, entries: [], error: 'not a JSON array of entries' };
      } catch (error) {
        return { file, entries: [], error: `invalid JSON: ${(error as Error).message}` };
      }
    });
}
