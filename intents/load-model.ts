import { readFileSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { FeatureTable } from './classifier/feature-table';
import { type IntentModel, intentModelSchema, MODEL_FORMAT } from './classifier/intent-model';

/**
 * Where the shipped model lives: next to this module (intents/model/model.json), or wherever
 * NLU_MODEL_PATH says (a bundled Lambda copies the file next to its bundle and sets it).
 */
export function defaultModelPath(): string {
  return process.env.NLU_MODEL_PATH ?? new URL('./model/model.json', import.meta.url).pathname;
}

/**
 * On disk the model is three files: the JSON (labels, lexicon…) with `features` and `weights` naming
 * the files beside it that hold the sorted features (feature-table.ts) and the int16 weights, as raw
 * little-endian bytes. Parsing them from JSON (and decoding base64) was most of the model's load
 * (issue 17).
 */
export function writeIntentModel(path: string, model: IntentModel): void {
  if (endianness() !== 'LE') throw new Error('intent model: weights are written little-endian only');
  const weightsFile = `${basename(path, '.json')}.weights.bin`;
  const featuresFile = `${basename(path, '.json')}.features.bin`;
  const { weights } = model;
  writeFileSync(
    join(dirname(path), weightsFile),
    Buffer.from(weights.buffer, weights.byteOffset, weights.byteLength),
  );
  writeFileSync(join(dirname(path), featuresFile), model.features.toBytes());
  writeFileSync(path, `${JSON.stringify({ ...model, features: featuresFile, weights: weightsFile })}\n`);
}

/** A file named by the model's JSON, beside it (never elsewhere). */
function besideModel(modelPath: string, file: unknown): Buffer | undefined {
  if (typeof file !== 'string' || file !== basename(file) || endianness() !== 'LE') return undefined;
  return readFileSync(join(dirname(modelPath), file));
}

function readWeights(modelPath: string, file: unknown): Int16Array | undefined {
  const bytes = besideModel(modelPath, file);
  if (!bytes) return undefined;
  // A view needs an even offset; a buffer from Node's shared pool may not have one.
  const aligned = bytes.byteOffset % 2 === 0 ? bytes : Buffer.from(bytes);
  return new Int16Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >> 1);
}

/**
 * Reads the model. `trusted`: the shipped file, which `npm run nlu:train` validated when it wrote it,
 * is checked for its format and shape only: the full schema walks every feature and lexicon entry
 * and cost 19–95 ms of a cold start (issue 17), more than parsing the file itself.
 */
export function readIntentModel(
  path: string = defaultModelPath(),
  options: { trusted?: boolean } = {},
): IntentModel {
  let json: Record<string, unknown> | null;
  let weights: Int16Array | undefined;
  let features: FeatureTable | undefined;
  try {
    json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown> | null;
    const current = json?.format === MODEL_FORMAT;
    weights = current ? readWeights(path, json?.weights) : undefined;
    const featureBytes = current ? besideModel(path, json?.features) : undefined;
    features = featureBytes && FeatureTable.fromBytes(featureBytes);
  } catch (error) {
    throw new Error(`intent model not readable at ${path}: run "npm run nlu:train" (${String(error)})`);
  }
  const model = json && weights && features ? { ...json, features, weights } : json;
  if (options.trusted) {
    const m = model as Partial<Record<keyof IntentModel, unknown>> | null;
    const shaped =
      !!m &&
      m.format === MODEL_FORMAT &&
      Array.isArray(m.labels) &&
      m.features instanceof FeatureTable &&
      Array.isArray(m.bias) &&
      m.weights instanceof Int16Array &&
      typeof m.lexicon === 'object';
    if (!shaped)
      throw new Error(`intent model at ${path} is not a ${MODEL_FORMAT} model: run "npm run nlu:train"`);
    return model as unknown as IntentModel;
  }
  const parsed = intentModelSchema().safeParse(model);
  if (!parsed.success) throw new Error(`intent model at ${path} is invalid: ${parsed.error.message}`);
  return parsed.data;
}
