import * as z from 'zod/mini';
import { INTENTS } from '../taxonomy';
import { FeatureTable } from './feature-table';

export const MODEL_FORMAT = 'tro-ly-ao/intent-softmax-v3';

/**
 * The shipped model: intents/model/model.json and, beside it, the features and the weights
 * (load-model.ts). Weights are int16, row-major (feature × label), multiplied by `weightScale`; on
 * disk they are the raw little-endian bytes (weights.bin), read as they are instead of parsed or
 * base64-decoded at cold start.
 */
function buildIntentModelSchema() {
  return z.object({
    format: z.literal(MODEL_FORMAT),
    trainedAt: z.string(),
    labels: z.array(z.enum(INTENTS)).check(z.minLength(2)),
    featureOptions: z.object({
      bigrams: z.boolean(),
      trigrams: z.boolean(),
      charNgrams: z.array(z.int().check(z.gte(2), z.lte(6))),
      accented: z.boolean(),
    }),
    /** Sorted in code-unit order and unique; on disk, the file beside the JSON (feature-table.ts). */
    features: z.custom<FeatureTable>((v) => v instanceof FeatureTable),
    weightScale: z.number().check(z.positive()),
    weights: z.custom<Int16Array>((v) => v instanceof Int16Array),
    bias: z.array(z.number()),
    /** Softmax temperature fitted on held-out folds (calibration). */
    temperature: z.number().check(z.positive()),
    /** Below this confidence the message is answered as out_of_scope. */
    fallbackThreshold: z.number().check(z.gte(0), z.lte(1)),
    /** Known syllable (as typed, with marks) → count; for typo correction. */
    lexicon: z.record(z.string(), z.int().check(z.nonnegative())),
    training: z.object({
      examples: z.int(),
      perIntent: z.record(z.string(), z.int()),
      sources: z.array(z.string()),
    }),
  });
}

let schema: ReturnType<typeof buildIntentModelSchema> | undefined;

/**
 * The model's full schema, built on first use: the chat reads the shipped model trusted (see
 * readIntentModel) and never needs it, and building zod schemas is part of every cold start's import.
 */
export function intentModelSchema(): ReturnType<typeof buildIntentModelSchema> {
  schema ??= buildIntentModelSchema();
  return schema;
}

export type IntentModel = z.infer<ReturnType<typeof buildIntentModelSchema>>;

export function encodeWeights(weights: Float64Array): { weightScale: number; weights: Int16Array } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const weightScale = max > 0 ? max / 32767 : 1;
  const quantised = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) quantised[i] = Math.round((weights[i] ?? 0) / weightScale);
  return { weightScale, weights: quantised };
}
