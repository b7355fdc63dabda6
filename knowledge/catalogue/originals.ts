import { existsSync, readFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dataPath } from '../data-files';
import type { OriginalTexts } from './source-record';

/**
 * The full source texts of the parsed fields (steps, documents, conditions…) are rarely needed, so they
 * are kept gzipped and read on the first request only — never at cold start.
 */

export function serialiseOriginals(rows: OriginalTexts[]): Buffer {
  const text = `${rows.map((r) => JSON.stringify(r)).join('\n')}\n`;
  // zlib writes no timestamp, so the same input gives the same bytes (an idempotent import).
  return gzipSync(Buffer.from(text, 'utf8'), { level: 9 });
}

let cache: Map<string, OriginalTexts> | undefined;

/** Full source texts of one catalogue procedure, or undefined when the file or the code is missing. */
export function originalTexts(code: string, path = dataPath('originals')): OriginalTexts | undefined {
  if (!cache) {
    cache = new Map();
    if (!existsSync(path)) return undefined;
    const lines = gunzipSync(readFileSync(path)).toString('utf8').split('\n');
    for (const line of lines) {
      if (!line) continue;
      const row = JSON.parse(line) as OriginalTexts;
      cache.set(row.code, row);
    }
  }
  return cache.get(code);
}
