import { readFileSync } from 'node:fs';
import { dataPath } from '../data-files';
import { hashInputs } from './build-knowledge-base';
import { readCuratedFiles } from './curated-source';

/** Hash of the catalogue file and the curated files as they are now on disk. */
export function inputHashOfDataFiles(): string {
  const curated = readCuratedFiles().map((f) => `${f.file}\n${JSON.stringify(f.entries)}`);
  return hashInputs([readFileSync(dataPath('catalogue'), 'utf8'), ...curated]);
}
