import { readFileSync } from 'node:fs';
import { type IntentModel, IntentModelSchema } from './classifier/intent-model';

/**
 * Where the shipped model lives: next to this module (intents/model/model.json), or wherever
 * NLU_MODEL_PATH says (a bundled Lambda copies the file next to its bundle and sets it).
 */
export function defaultModelPath(): string {
  return process.env.NLU_MODEL_PATH ?? new URL('./model/model.json', import.meta.url).pathname;
}

export function readIntentModel(path: string = defaultModelPath()): IntentModel {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`intent model not readable at ${path}: run "npm run nlu:train" (${String(error)})`);
  }
  const parsed = IntentModelSchema.safeParse(json);
  if (!parsed.success) throw new Error(`intent model at ${path} is invalid: ${parsed.error.message}`);
  return parsed.data;
}
