import { extractFeatures, type FeatureOptions } from '../features/extract-features';
import type { NormalisedText } from '../normalise';
import type { IntentId } from '../taxonomy';
import { decodeWeights, type IntentModel } from './intent-model';
import { softmax } from './softmax';

export interface RankedIntent {
  intent: IntentId;
  confidence: number;
}

/** Inference over a loaded model: feature lookup, a sparse dot product, a tempered softmax. */
export class IntentClassifier {
  readonly labels: readonly IntentId[];
  readonly fallbackThreshold: number;
  private readonly rows: Map<string, number>;
  private readonly weights: Float32Array;
  private readonly bias: Float64Array;
  private readonly temperature: number;
  private readonly featureOptions: FeatureOptions;

  constructor(model: IntentModel) {
    this.labels = model.labels;
    this.fallbackThreshold = model.fallbackThreshold;
    this.temperature = model.temperature;
    this.featureOptions = model.featureOptions;
    this.weights = decodeWeights(model);
    this.bias = Float64Array.from(model.bias);
    this.rows = new Map();
    const K = model.labels.length;
    if (this.weights.length !== model.features.length * K || this.bias.length !== K) {
      throw new Error('intent model: weights do not match features × labels');
    }
    model.features.forEach((feature, i) => {
      this.rows.set(feature, i * K);
    });
  }

  /** Raw scores, before the temperature; for calibration and tooling. */
  logits(text: NormalisedText): Float64Array {
    const K = this.labels.length;
    const logits = Float64Array.from(this.bias);
    const offsets: number[] = [];
    for (const feature of extractFeatures(text, this.featureOptions)) {
      const offset = this.rows.get(feature);
      if (offset !== undefined) offsets.push(offset);
    }
    // The same unit-length scaling as in training.
    const value = offsets.length > 0 ? 1 / Math.sqrt(offsets.length) : 0;
    for (const offset of offsets) {
      for (let k = 0; k < K; k++) logits[k] = (logits[k] ?? 0) + (this.weights[offset + k] ?? 0) * value;
    }
    return logits;
  }

  /** All intents, most likely first, with calibrated probabilities. */
  rank(text: NormalisedText): RankedIntent[] {
    const probabilities = softmax(this.logits(text), this.temperature);
    return this.labels
      .map((intent, k) => ({ intent, confidence: probabilities[k] ?? 0 }))
      .sort((a, b) => b.confidence - a.confidence);
  }
}
