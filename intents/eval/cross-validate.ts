import { foldDiacritics } from '../normalise';
import type { LabelledMessage } from '../training/labelled-data';
import { stratifiedFolds } from '../training/train-intent-model';
import type { IntentEngine, TrainedEngine } from './engines';
import { injectTypo } from './inject-typo';
import type { Scored } from './metrics';

/**
 * Every test message is asked four ways: as written, without marks, in decomposed Unicode, and with
 * one keyboard slip.
 */
export const VARIANTS = {
  clean: (text: string) => text,
  unmarked: (text: string) => foldDiacritics(text),
  nfd: (text: string) => text.normalize('NFD'),
  typo: (text: string) => injectTypo(text),
} as const;
export type Variant = keyof typeof VARIANTS;

export interface EvaluationRun {
  engine: string;
  results: Record<Variant, Scored[]>;
  /** Per-message prediction time, ms (clean variant). */
  latenciesMs: number[];
  loadMs: number[];
  trainMs: number[];
  modelBytes: number[];
}

function emptyRun(engine: string): EvaluationRun {
  return {
    engine,
    results: { clean: [], unmarked: [], nfd: [], typo: [] },
    latenciesMs: [],
    loadMs: [],
    trainMs: [],
    modelBytes: [],
  };
}

async function trainTimed(engine: IntentEngine, train: readonly LabelledMessage[], run: EvaluationRun) {
  const started = performance.now();
  const trained = await engine.train(train);
  run.trainMs.push(performance.now() - started);
  run.loadMs.push(trained.loadMs);
  run.modelBytes.push(trained.modelBytes);
  return trained;
}

async function evaluateOn(trained: TrainedEngine, test: readonly LabelledMessage[], run: EvaluationRun) {
  for (const message of test) {
    for (const [variant, transform] of Object.entries(VARIANTS) as [Variant, (t: string) => string][]) {
      const text = transform(message.text);
      const started = performance.now();
      const prediction = await trained.predict(text);
      if (variant === 'clean') run.latenciesMs.push(performance.now() - started);
      run.results[variant].push({
        text,
        expected: message.intent,
        predicted: prediction.intent,
        confidence: prediction.confidence,
        source: message.source,
      });
    }
  }
}

/** Stratified, seeded k-fold cross-validation: every message is tested once, by a model that never saw it. */
export async function crossValidate(
  engine: IntentEngine,
  messages: readonly LabelledMessage[],
  options: { folds: number; seed: number; onFold?: (fold: number) => void },
): Promise<EvaluationRun> {
  const run = emptyRun(engine.name);
  const folds = stratifiedFolds(messages, options.folds, options.seed);
  for (let i = 0; i < folds.length; i++) {
    options.onFold?.(i + 1);
    const train = folds.flatMap((fold, j) => (j === i ? [] : fold));
    await evaluateOn(await trainTimed(engine, train, run), folds[i] ?? [], run);
  }
  return run;
}

/** Train on one labelled set, test on another. */
export async function trainAndTest(
  engine: IntentEngine,
  train: readonly LabelledMessage[],
  test: readonly LabelledMessage[],
): Promise<EvaluationRun> {
  const run = emptyRun(engine.name);
  await evaluateOn(await trainTimed(engine, train, run), test, run);
  return run;
}
