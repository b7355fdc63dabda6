import { FeatureTable } from '../classifier/feature-table';
import { IntentClassifier } from '../classifier/intent-classifier';
import { encodeWeights, type IntentModel, MODEL_FORMAT } from '../classifier/intent-model';
import { seededRandom, shuffleInPlace } from '../classifier/seeded-random';
import { softmax } from '../classifier/softmax';
import {
  DEFAULT_TRAIN_OPTIONS,
  type SoftmaxTrainOptions,
  type TrainingExample,
  trainSoftmax,
} from '../classifier/train-softmax';
import { DEFAULT_FEATURE_OPTIONS, extractFeatures, type FeatureOptions } from '../features/extract-features';
import { foldDiacritics } from '../normalise';
import { prepareText } from '../prepare-text';
import { INTENTS, type IntentId } from '../taxonomy';
import { buildLexicon, type Lexicon, serialiseLexicon } from '../typo/lexicon';
import type { LabelledMessage } from './labelled-data';

export interface IntentTrainingOptions {
  features: FeatureOptions;
  softmax: SoftmaxTrainOptions;
  /** Also train on the unmarked copy of every message (citizens type both). */
  augmentFolded: boolean;
  /** Weight of an augmented copy in the loss. */
  augmentWeight: number;
  /** Inner folds used to fit the temperature and the fallback threshold; 0 keeps T = 1. */
  calibrationFolds: number;
  /** Extra vocabulary for the typo lexicon (the catalogue's procedure titles). */
  lexiconTexts: readonly string[];
  seed: number;
}

export const DEFAULT_INTENT_TRAINING: IntentTrainingOptions = {
  features: DEFAULT_FEATURE_OPTIONS,
  softmax: DEFAULT_TRAIN_OPTIONS,
  augmentFolded: true,
  augmentWeight: 1,
  calibrationFolds: 3,
  lexiconTexts: [],
  seed: 7,
};

const DEFAULT_FALLBACK_THRESHOLD = 0.35;

/** Stratified k folds, seeded: every intent is spread evenly over the folds. */
export function stratifiedFolds<T extends { intent: IntentId }>(
  items: readonly T[],
  k: number,
  seed: number,
): T[][] {
  const random = seededRandom(seed);
  const folds: T[][] = Array.from({ length: k }, () => []);
  const byIntent = new Map<IntentId, T[]>();
  for (const item of items) byIntent.set(item.intent, [...(byIntent.get(item.intent) ?? []), item]);
  let next = 0;
  for (const intent of INTENTS) {
    for (const item of shuffleInPlace([...(byIntent.get(intent) ?? [])], random)) {
      folds[next % k]?.push(item);
      next++;
    }
  }
  return folds;
}

export function lexiconFor(messages: readonly LabelledMessage[], extraTexts: readonly string[]): Lexicon {
  return buildLexicon(
    [...messages.map((m) => m.text), ...extraTexts].map((text) => prepareText(text).tokens),
  );
}

function toExamples(
  messages: readonly LabelledMessage[],
  labels: readonly IntentId[],
  lexicon: Lexicon,
  options: IntentTrainingOptions,
): TrainingExample[] {
  return messages.flatMap((message) => {
    const label = labels.indexOf(message.intent);
    const examples: TrainingExample[] = [
      { features: extractFeatures(prepareText(message.text, lexicon), options.features), label },
    ];
    const folded = foldDiacritics(message.text);
    if (options.augmentFolded && folded !== message.text.normalize('NFC')) {
      examples.push({
        features: extractFeatures(prepareText(folded, lexicon), options.features),
        label,
        weight: options.augmentWeight,
      });
    }
    return examples;
  });
}

/** Temperature minimising the held-out negative log-likelihood (a one-parameter calibration). */
export function fitTemperature(outOfFold: readonly { logits: Float64Array; label: number }[]): number {
  let best = 1;
  let bestLoss = Number.POSITIVE_INFINITY;
  for (let t = 0.2; t <= 5.0001; t += 0.05) {
    let loss = 0;
    for (const { logits, label } of outOfFold) loss -= Math.log((softmax(logits, t)[label] ?? 0) + 1e-12);
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Number(t.toFixed(2));
    }
  }
  return best;
}

/**
 * The fallback threshold that maximises held-out accuracy when everything under it is answered as
 * out_of_scope; kept within [0.2, 0.6] so that a small data set cannot push it to an extreme.
 */
export function fitFallbackThreshold(
  outOfFold: readonly { probabilities: Float64Array; label: number }[],
  labels: readonly IntentId[],
): number {
  const outOfScope = labels.indexOf('out_of_scope');
  let best = DEFAULT_FALLBACK_THRESHOLD;
  let bestCorrect = -1;
  for (let threshold = 0.2; threshold <= 0.6001; threshold += 0.025) {
    let correct = 0;
    for (const { probabilities, label } of outOfFold) {
      let top = 0;
      for (let k = 1; k < probabilities.length; k++)
        if ((probabilities[k] ?? 0) > (probabilities[top] ?? 0)) top = k;
      const predicted = (probabilities[top] ?? 0) < threshold ? outOfScope : top;
      if (predicted === label) correct++;
    }
    if (correct > bestCorrect) {
      bestCorrect = correct;
      best = Number(threshold.toFixed(3));
    }
  }
  return best;
}

function assemble(
  messages: readonly LabelledMessage[],
  labels: readonly IntentId[],
  lexicon: Lexicon,
  options: IntentTrainingOptions,
  calibration: { temperature: number; fallbackThreshold: number },
): IntentModel {
  const trained = trainSoftmax(toExamples(messages, labels, lexicon, options), labels.length, {
    ...options.softmax,
    seed: options.seed,
  });
  const perIntent: Record<string, number> = {};
  for (const m of messages) perIntent[m.intent] = (perIntent[m.intent] ?? 0) + 1;
  return {
    format: MODEL_FORMAT,
    trainedAt: new Date().toISOString(),
    labels: [...labels],
    featureOptions: { ...options.features, charNgrams: [...options.features.charNgrams] },
    features: FeatureTable.of(trained.features),
    ...encodeWeights(trained.weights),
    bias: [...trained.bias].map((b) => Number(b.toFixed(6))),
    temperature: calibration.temperature,
    fallbackThreshold: calibration.fallbackThreshold,
    lexicon: serialiseLexicon(lexicon),
    training: {
      examples: messages.length,
      perIntent,
      sources: [...new Set(messages.map((m) => m.source.split(':')[0] ?? ''))],
    },
  };
}

/**
 * Trains the shipped model: lexicon, features, logistic regression, then calibration of the
 * temperature and the fallback threshold on inner folds (never on the messages a fold model saw).
 */
export function trainIntentModel(
  messages: readonly LabelledMessage[],
  overrides: Partial<IntentTrainingOptions> = {},
): IntentModel {
  const options = { ...DEFAULT_INTENT_TRAINING, ...overrides };
  const labels = INTENTS.filter((intent) => messages.some((m) => m.intent === intent));
  let calibration = { temperature: 1, fallbackThreshold: DEFAULT_FALLBACK_THRESHOLD };

  if (options.calibrationFolds >= 2) {
    const outOfFold: { logits: Float64Array; label: number }[] = [];
    const folds = stratifiedFolds(messages, options.calibrationFolds, options.seed + 1);
    folds.forEach((test, i) => {
      const train = folds.flatMap((fold, j) => (j === i ? [] : fold));
      const lexicon = lexiconFor(train, options.lexiconTexts);
      const classifier = new IntentClassifier(
        assemble(train, labels, lexicon, options, { temperature: 1, fallbackThreshold: 0 }),
      );
      for (const message of test) {
        outOfFold.push({
          logits: classifier.logits(prepareText(message.text, lexicon)),
          label: labels.indexOf(message.intent),
        });
      }
    });
    const temperature = fitTemperature(outOfFold);
    const fallbackThreshold = fitFallbackThreshold(
      outOfFold.map(({ logits, label }) => ({ probabilities: softmax(logits, temperature), label })),
      labels,
    );
    calibration = { temperature, fallbackThreshold };
  }

  return assemble(messages, labels, lexiconFor(messages, options.lexiconTexts), options, calibration);
}
