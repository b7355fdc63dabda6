import type { IntentId } from '../taxonomy';

export interface Prediction {
  intent: IntentId;
  confidence: number;
}

export interface Scored {
  text: string;
  expected: IntentId;
  predicted: IntentId;
  confidence: number;
  source?: string;
}

export interface IntentScores {
  intent: IntentId;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface Metrics {
  total: number;
  accuracy: number;
  macroF1: number;
  perIntent: IntentScores[];
  /** confusion[expected][predicted] = count, over `labels`. */
  confusion: number[][];
  labels: IntentId[];
}

export function computeMetrics(scored: readonly Scored[], labels: readonly IntentId[]): Metrics {
  const index = new Map(labels.map((label, i) => [label, i]));
  const confusion = labels.map(() => labels.map(() => 0));
  let correct = 0;
  for (const s of scored) {
    const row = confusion[index.get(s.expected) ?? -1];
    const column = index.get(s.predicted);
    if (row && column !== undefined) row[column] = (row[column] ?? 0) + 1;
    if (s.expected === s.predicted) correct++;
  }
  const perIntent = labels.map((intent, i) => {
    const tp = confusion[i]?.[i] ?? 0;
    const support = (confusion[i] ?? []).reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((sum, row) => sum + (row[i] ?? 0), 0);
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { intent, support, precision, recall, f1 };
  });
  const withSupport = perIntent.filter((s) => s.support > 0);
  return {
    total: scored.length,
    accuracy: scored.length > 0 ? correct / scored.length : 0,
    macroF1: withSupport.reduce((sum, s) => sum + s.f1, 0) / Math.max(1, withSupport.length),
    perIntent,
    confusion,
    labels: [...labels],
  };
}

export interface HistogramBin {
  from: number;
  to: number;
  correct: number;
  wrong: number;
}

/** Confidence in ten bins, right and wrong answers apart: what the fallback threshold cuts into. */
export function confidenceHistogram(scored: readonly Scored[], bins = 10): HistogramBin[] {
  const out = Array.from({ length: bins }, (_, i) => ({
    from: i / bins,
    to: (i + 1) / bins,
    correct: 0,
    wrong: 0,
  }));
  for (const s of scored) {
    const bin = out[Math.min(bins - 1, Math.floor(s.confidence * bins))];
    if (!bin) continue;
    if (s.expected === s.predicted) bin.correct++;
    else bin.wrong++;
  }
  return out;
}

/** Expected calibration error: the average gap between confidence and accuracy, per bin. */
export function expectedCalibrationError(scored: readonly Scored[], bins = 10): number {
  let total = 0;
  for (let b = 0; b < bins; b++) {
    const inBin = scored.filter((s) => Math.min(bins - 1, Math.floor(s.confidence * bins)) === b);
    if (inBin.length === 0) continue;
    const accuracy = inBin.filter((s) => s.expected === s.predicted).length / inBin.length;
    const confidence = inBin.reduce((sum, s) => sum + s.confidence, 0) / inBin.length;
    total += (inBin.length / scored.length) * Math.abs(accuracy - confidence);
  }
  return total;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
}
