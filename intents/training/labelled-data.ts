import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import * as z from 'zod';
import { INTENTS, type IntentId } from '../taxonomy';

export interface LabelledMessage {
  text: string;
  intent: IntentId;
  /** file:line, for reports. */
  source: string;
}

const RowSchema = z.tuple([z.string().trim().min(1), z.enum(INTENTS)]);

/**
 * Reads `text<TAB>intent` lines; `#` starts a comment line, blank lines are skipped. Any other
 * malformed line is an error (a typo in a label must not silently shrink the data).
 */
export function readLabelledTsv(path: string): LabelledMessage[] {
  const rows: LabelledMessage[] = [];
  readFileSync(path, 'utf8')
    .split(/\r?\n/u)
    .forEach((line, index) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const parsed = RowSchema.safeParse(line.split('\t').slice(0, 2));
      if (!parsed.success)
        throw new Error(`${path}:${index + 1}: expected "text<TAB>intent", got ${JSON.stringify(line)}`);
      rows.push({ text: parsed.data[0], intent: parsed.data[1], source: `${basename(path)}:${index + 1}` });
    });
  return rows;
}

export const TRAINING_DATA_DIR = new URL('../data/', import.meta.url).pathname;
export const HOLDOUT_DIR = new URL('../data/holdout/', import.meta.url).pathname;

/** All training files (intents/data/*.tsv). The held-out folder is never read here. */
export function loadTrainingData(dir: string = TRAINING_DATA_DIR): LabelledMessage[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.tsv'))
    .sort();
  return files.flatMap((name) => readLabelledTsv(join(dir, name)));
}

/** Refuses a held-out file as training data, so the honest check stays honest. */
export function assertNotHoldout(path: string): void {
  if (path.includes('/holdout/')) throw new Error(`${path} is held-out data: never train on it`);
}
