import { extractFeatures, type FeatureOptions } from '../features/extract-features';
import type { NormalisedText } from '../normalise';
import type { IntentId } from '../taxonomy';
import type { FeatureTable } from './feature-table';
import type { IntentModel } from './intent-model';
import { softmax } from './softmax';

export interface RankedIntent {
  intent: IntentId;
  confidence: number;
}

/** Inference over a loaded model: feature lookup, a sparse dot product, a tempered softmax. */
export class IntentClassifier {
  readonly labels: readonly IntentId[];
  readonly fallbackThreshold: number;
  private readonly features: FeatureTable;
  /** The int16 weights as read, each scaled when used (no float copy of the whole matrix to make). */
  private readonly weights: Int16Array;
  private readonly weightScale: number;
  private readonly bias: Float64Array;
  private readonly temperature: number;
  private readonly featureOptions: FeatureOptions;

  constructor(model: IntentModel) {
    this.labels = model.labels;
    this.fallbackThreshold = model.fallbackThreshold;
    this.temperature = model.temperature;
    this.featureOptions = model.featureOptions;
    this.features = model.features;
    this.weights = model.weights;
    this.weightScale = model.weightScale;
    this.bias = Float64Array.from(model.bias);
    const K = model.labels.length;
    if (this.weights.length !== model.features.length * K || this.bias.length !== K) {
      throw new Error('intent model: weights do not match features × labels');
    }
  }

  /** Raw scores, before the temperature; for calibration and tooling. */
  logits(text: NormalisedText): Float64Array {
    const K = this.labels.length;
    const logits = Float64Array.from(this.bias);
    const offsets: number[] = [];
    for (const feature of extractFeatures(text, this.featureOptions)) {
      const row = this.features.row(feature);
      if (row >= 0) offsets.push(row * K);
    }
    // The same unit-length scaling as in training.
    const value = offsets.length > 0 ? 1 / Math.sqrt(offsets.length) : 0;
    const { weights, weightScale } = this;
    for (const offset of offsets) {
      // Rounded to float32 as the decoded weights always were, so that scores stay bit for bit the same.
      for (let k = 0; k < K; k++)
        logits[k] = (logits[k] ?? 0) + Math.fround((weights[offset + k] ?? 0) * weightScale) * value;
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
