import { seededRandom, shuffleInPlace } from './seeded-random';
import { softmax } from './softmax';

export interface TrainingExample {
  features: readonly string[];
  /** Index into the label list. */
  label: number;
  /** Weight of the example in the loss (augmented copies count less). */
  weight?: number;
}

export interface SoftmaxTrainOptions {
  epochs: number;
  learningRate: number;
  /** L2 penalty, applied lazily to the weights an example touches. */
  l2: number;
  /** Features seen in fewer examples are dropped (noise, and model size). */
  minFeatureCount: number;
  seed: number;
}

export const DEFAULT_TRAIN_OPTIONS: SoftmaxTrainOptions = {
  epochs: 25,
  learningRate: 0.3,
  l2: 1e-5,
  minFeatureCount: 2,
  seed: 7,
};

/** A trained multinomial logistic regression: one weight row (one value per label) per feature. */
export interface TrainedSoftmax {
  features: string[];
  /** features.length × labelCount, row-major. */
  weights: Float64Array;
  bias: Float64Array;
  labelCount: number;
}

/**
 * Multinomial logistic regression by AdaGrad over sparse binary features, each example's vector
 * scaled to unit length so that a long rambling message does not shout over a short one.
 */
export function trainSoftmax(
  examples: readonly TrainingExample[],
  labelCount: number,
  options: SoftmaxTrainOptions = DEFAULT_TRAIN_OPTIONS,
): TrainedSoftmax {
  const counts = new Map<string, number>();
  for (const example of examples) {
    for (const feature of example.features) counts.set(feature, (counts.get(feature) ?? 0) + 1);
  }
  const features = [...counts].filter(([, count]) => count >= options.minFeatureCount).map(([f]) => f);
  features.sort();
  const index = new Map(features.map((feature, i) => [feature, i]));

  const rows = examples.map((example) => {
    const ids = Int32Array.from(
      example.features.map((feature) => index.get(feature) ?? -1).filter((id) => id >= 0),
    );
    return {
      ids,
      value: ids.length > 0 ? 1 / Math.sqrt(ids.length) : 0,
      label: example.label,
      weight: example.weight ?? 1,
    };
  });

  const K = labelCount;
  const weights = new Float64Array(features.length * K);
  const squared = new Float64Array(features.length * K);
  const bias = new Float64Array(K);
  const biasSquared = new Float64Array(K);
  const logits = new Float64Array(K);
  const random = seededRandom(options.seed);
  const order = rows.map((_, i) => i);
  const eps = 1e-8;

  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const r of order) {
      const row = rows[r];
      if (!row) continue;
      for (let k = 0; k < K; k++) logits[k] = bias[k] ?? 0;
      for (const id of row.ids) {
        const base = id * K;
        for (let k = 0; k < K; k++) logits[k] = (logits[k] ?? 0) + (weights[base + k] ?? 0) * row.value;
      }
      const p = softmax(logits);
      for (let k = 0; k < K; k++) {
        const g = ((p[k] ?? 0) - (k === row.label ? 1 : 0)) * row.weight;
        p[k] = g;
        biasSquared[k] = (biasSquared[k] ?? 0) + g * g;
        bias[k] = (bias[k] ?? 0) - (options.learningRate * g) / Math.sqrt((biasSquared[k] ?? 0) + eps);
      }
      for (const id of row.ids) {
        const base = id * K;
        for (let k = 0; k < K; k++) {
          const w = weights[base + k] ?? 0;
          const g = (p[k] ?? 0) * row.value + options.l2 * w;
          const s = (squared[base + k] ?? 0) + g * g;
          squared[base + k] = s;
          weights[base + k] = w - (options.learningRate * g) / Math.sqrt(s + eps);
        }
      }
    }
  }
  return { features, weights, bias, labelCount: K };
}
