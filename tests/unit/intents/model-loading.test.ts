// Issue 17's cold start: the shipped model is read without walking the full schema (nlu:train
// validated it when it wrote it), yet reads exactly as the validated path does, and a file that is
// not a model is still refused with a clear message.

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FeatureTable } from '../../../intents/classifier/feature-table';
import { MODEL_FORMAT } from '../../../intents/classifier/intent-model';
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
    ['no weights', { format: MODEL_FORMAT, labels: [], features: [], bias: [], lexicon: {} }],
    [
      'weights named outside its folder',
      {
        format: MODEL_FORMAT,
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

  it('writes the features beside the JSON and reads them back unchanged', () => {
    const shipped = readIntentModel(undefined, { trusted: true });
    const path = join(dir, 'features.json');
    writeIntentModel(path, shipped);
    const json = JSON.parse(readFileSync(path, 'utf8')) as { features: unknown };
    expect(json.features).toBe('features.features.bin');
    const read = readIntentModel(path, { trusted: true }).features;
    expect(read.length).toBe(shipped.features.length);
    for (const row of [0, 1, 2, shipped.features.length >> 1, shipped.features.length - 1])
      expect(read.at(row)).toBe(shipped.features.at(row));
  });

  it.each(['weights', 'features'])('says to retrain when the %s file is missing', (part) => {
    const path = join(dir, `orphan-${part}.json`);
    writeIntentModel(path, readIntentModel(undefined, { trusted: true }));
    rmSync(join(dir, `orphan-${part}.${part}.bin`));
    expect(() => readIntentModel(path, { trusted: true })).toThrow(/not readable.*npm run nlu:train/u);
  });

  it('says to retrain when the features file is cut short', () => {
    const path = join(dir, 'short.json');
    writeIntentModel(path, readIntentModel(undefined, { trusted: true }));
    const file = join(dir, 'short.features.bin');
    writeFileSync(file, readFileSync(file).subarray(0, 1000));
    expect(() => readIntentModel(path, { trusted: true })).toThrow(/not readable.*npm run nlu:train/u);
  });
});

describe('the feature table', () => {
  const sorted = ['a:biên', 'a:bà', 'ab:^_bà', 'b', 'bb', 'x\u{1F600}', 'ới'].sort();

  it('finds every feature at its row and nothing else, in code-unit order as sort() leaves it', () => {
    const table = FeatureTable.fromBytes(FeatureTable.of(sorted).toBytes());
    expect(table.length).toBe(sorted.length);
    sorted.forEach((feature, row) => {
      expect(table.row(feature)).toBe(row);
      expect(table.at(row)).toBe(feature);
    });
    for (const absent of ['', 'a', 'a:bi', 'a:biênn', 'bbb', 'c', 'x\u{1F601}', 'ờ'])
      expect(table.row(absent)).toBe(-1);
  });

  it('finds every one of many features through its hash index, and ends a lookup in a damaged index', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `w:${i.toString(36)}`).sort();
    const bytes = FeatureTable.of(many).toBytes();
    const table = FeatureTable.fromBytes(bytes);
    many.forEach((feature, row) => {
      expect(table.row(feature)).toBe(row);
    });
    expect(table.row('w:khong-co')).toBe(-1);
    // Every slot taken (no empty one to stop at): the lookup still ends.
    const slots = new Int32Array(bytes.buffer, bytes.byteOffset + 8 + (many.length + 1) * 4, 16384);
    slots.fill(0);
    expect(FeatureTable.fromBytes(bytes).row('w:khong-co')).toBe(-1);
  });

  it('refuses features out of order or repeated', () => {
    expect(() => FeatureTable.of(['b', 'a'])).toThrow(/sorted and unique/u);
    expect(() => FeatureTable.of(['a', 'a'])).toThrow(/sorted and unique/u);
  });

  it('reads from a buffer at any offset', () => {
    const bytes = FeatureTable.of(sorted).toBytes();
    const shifted = Buffer.concat([Buffer.from([1, 2, 3]), bytes]).subarray(3);
    expect(FeatureTable.fromBytes(shifted).row('bb')).toBe(sorted.indexOf('bb'));
  });
});
