import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { foldDiacritics } from '../normalise';
import { ASPECTS, type Aspect } from '../taxonomy';
import type { Nlu } from '../types';

export interface AspectCheck {
  total: number;
  correct: number;
  correctUnmarked: number;
  misses: { text: string; expected: Aspect; found: Aspect | undefined }[];
}

const RowSchema = z.tuple([z.string().min(1), z.enum(ASPECTS)]);

/** Accuracy of the aspect extractor (through the whole NLU chain) on a `text<TAB>aspect` file. */
export function checkAspects(path: string, nlu: Nlu): AspectCheck {
  const rows = readFileSync(path, 'utf8')
    .split(/\r?\n/u)
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .map((line) => RowSchema.parse(line.split('\t').slice(0, 2)));
  const result: AspectCheck = { total: rows.length, correct: 0, correctUnmarked: 0, misses: [] };
  for (const [text, expected] of rows) {
    const found = nlu.understand(text).entities.aspect;
    if (found === expected) result.correct++;
    else result.misses.push({ text, expected, found });
    if (nlu.understand(foldDiacritics(text)).entities.aspect === expected) result.correctUnmarked++;
  }
  return result;
}
