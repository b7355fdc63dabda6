// Issue 17's cold start: the shipped model is read without walking the full schema (nlu:train
// validated it when it wrote it), yet reads exactly as the validated path does, and a file that is
// not a model is still refused with a clear message.

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readIntentModel, writeIntentModel } from '../../../intents/load-model';

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
      { format: 'tro-ly-ao/intent-softmax-v2', labels: [], features: [], bias: [], lexicon: {} },
    ],
    [
      'weights named outside its folder',
      {
        format: 'tro-ly-ao/intent-softmax-v2',
        labels: [],
        features: [],
        bias: [],
        weights: '../model.weights.bin',
        lexicon: {},
      },
    ],
    ['not an object', null],
  ])('refuses a file with %s, trusted or not', (_name, content) => {
    const path = join(dir, `${_name.replace(/\W/gu, '-')}.json`);
    writeFileSync(path, JSON.stringify(content));
    expect(() => readIntentModel(path, { trusted: true })).toThrow(/npm run nlu:train/u);
    expect(() => readIntentModel(path)).toThrow(/invalid/u);
  });

  it('writes the weights as raw int16 beside the JSON and reads them back unchanged', () => {
    const shipped = readIntentModel(undefined, { trusted: true });
    const path = join(dir, 'copy.json');
    writeIntentModel(path, shipped);
    const json = JSON.parse(readFileSync(path, 'utf8')) as { weights: unknown };
    expect(json.weights).toBe('copy.weights.bin');
    expect(statSync(join(dir, 'copy.weights.bin')).size).toBe(shipped.weights.length * 2);
    expect(readIntentModel(path)).toEqual(shipped);
  });

  it('says to retrain when the weights file is missing', () => {
    const path = join(dir, 'orphan.json');
    writeIntentModel(path, readIntentModel(undefined, { trusted: true }));
    rmSync(join(dir, 'orphan.weights.bin'));
    expect(() => readIntentModel(path, { trusted: true })).toThrow(/not readable.*npm run nlu:train/u);
  });
});
