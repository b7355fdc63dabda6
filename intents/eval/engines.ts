import { IntentModelSchema } from '../classifier/intent-model';
import { IntentNlu } from '../intent-nlu';
import type { LabelledMessage } from '../training/labelled-data';
import { type IntentTrainingOptions, trainIntentModel } from '../training/train-intent-model';
import type { Prediction } from './metrics';

/** A classifier under evaluation: trained on some messages, then asked about others. */
export interface IntentEngine {
  name: string;
  train(messages: readonly LabelledMessage[]): Promise<TrainedEngine>;
}

export interface TrainedEngine {
  predict(text: string): Prediction | Promise<Prediction>;
  /** Time to turn the serialised model back into a working classifier (cold start), ms. */
  loadMs: number;
  /** Size of the serialised model, bytes. */
  modelBytes: number;
}

/** This project's engine, exactly as shipped: train, serialise to JSON, load from JSON, understand. */
export function projectEngine(
  options: Partial<IntentTrainingOptions> = {},
  name = 'this project',
): IntentEngine {
  return {
    name,
    async train(messages) {
      const json = JSON.stringify(trainIntentModel(messages, options));
      const started = performance.now();
      const nlu = new IntentNlu(IntentModelSchema.parse(JSON.parse(json)));
      const loadMs = performance.now() - started;
      return {
        loadMs,
        modelBytes: Buffer.byteLength(json),
        predict: (text) => {
          const { intent, confidence } = nlu.understand(text);
          return { intent, confidence };
        },
      };
    },
  };
}
