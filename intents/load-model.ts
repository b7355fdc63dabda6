import { readFileSync } from 'node:fs';
import { type IntentModel, IntentModelSchema, MODEL_FORMAT } from './classifier/intent-model';

/**
 * Where the shipped model lives: next to this module (intents/model/model.json), or wherever
 * NLU_MODEL_PATH says (a bundled Lambda copies the file next to its bundle and sets it).
 */
export function defaultModelPath(): string {
  return process.env.NLU_MODEL_PATH ?? new URL('./model/model.json', import.meta.url).pathname;
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
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`intent model not readable at ${path}: run "npm run nlu:train" (${String(error)})`);
  }
  if (options.trusted) {
    const m = json as Partial<Record<keyof IntentModel, unknown>> | null;
    const shaped =
      !!m &&
      m.format === MODEL_FORMAT &&
      Array.isArray(m.labels) &&
      Array.isArray(m.features) &&
      Array.isArray(m.bias) &&
      typeof m.weights === 'string' &&
      typeof m.lexicon === 'object';
    if (!shaped)
      throw new Error(`intent model at ${path} is not a ${MODEL_FORMAT} model: run "npm run nlu:train"`);
    return json as IntentModel;
  }
  const parsed = IntentModelSchema.safeParse(json);
  if (!parsed.success) throw new Error(`intent model at ${path} is invalid: ${parsed.error.message}`);
  return parsed.data;
}
