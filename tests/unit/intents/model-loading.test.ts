// Issue 17's cold start: the shipped model is read without walking the full schema (nlu:train
// validated it when it wrote it), yet reads exactly as the validated path does, and a file that is
// not a model is still refused with a clear message.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readIntentModel } from '../../../intents/load-model';

const dir = mkdtempSync(join(tmpdir(), 'model-loading-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading the shipped intent model', () => {
  it('gives the same model trusted as fully validated', () => {
    expect(readIntentModel(undefined, { trusted: true })).toEqual(readIntentModel());
  });

  it.each([
    [
      'another format',
      { format: 'something-else', labels: [], features: [], bias: [], weights: '', lexicon: {} },
    ],
    [
      'no weights',
      { format: 'tro-ly-ao/intent-softmax-v1', labels: [], features: [], bias: [], lexicon: {} },
    ],
    ['not an object', null],
  ])('refuses a file with %s, trusted or not', (_name, content) => {
    const path = join(dir, `${_name.replace(/\W/gu, '-')}.json`);
    writeFileSync(path, JSON.stringify(content));
    expect(() => readIntentModel(path, { trusted: true })).toThrow(/npm run nlu:train/u);
    expect(() => readIntentModel(path)).toThrow(/invalid/u);
  });
});
