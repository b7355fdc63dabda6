import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntentNlu } from '../intent-nlu';
import { readIntentModel, writeIntentModel } from '../load-model';
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

/** This project's engine, exactly as shipped: train, write the model's files, read them back, understand. */
export function projectEngine(
  options: Partial<IntentTrainingOptions> = {},
  name = 'this project',
): IntentEngine {
  return {
    name,
    async train(messages) {
      const dir = mkdtempSync(join(tmpdir(), 'intent-engine-'));
      try {
        const path = join(dir, 'model.json');
        writeIntentModel(path, trainIntentModel(messages, options));
        const started = performance.now();
        const nlu = new IntentNlu(readIntentModel(path));
        const loadMs = performance.now() - started;
        const modelBytes = readdirSync(dir).reduce((sum, file) => sum + statSync(join(dir, file)).size, 0);
        return {
          loadMs,
          modelBytes,
          predict: (text) => {
            const { intent, confidence } = nlu.understand(text);
            return { intent, confidence };
          },
        };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
