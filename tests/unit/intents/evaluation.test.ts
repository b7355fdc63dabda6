import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confusionSvg } from '../../../intents/eval/confusion-svg';
import { injectTypo } from '../../../intents/eval/inject-typo';
import { computeMetrics, confidenceHistogram, percentile, type Scored } from '../../../intents/eval/metrics';
import { writeReportSection } from '../../../intents/eval/report';
import { assertNotHoldout, readLabelledTsv } from '../../../intents/training/labelled-data';
import { stratifiedFolds } from '../../../intents/training/train-intent-model';

const scored = (expected: Scored['expected'], predicted: Scored['predicted'], confidence = 0.9): Scored => ({
  text: 'x',
  expected,
  predicted,
  confidence,
});

describe('evaluation tooling', () => {
  it('computes accuracy, per-intent precision/recall/F1 and the confusion matrix', () => {
    const metrics = computeMetrics(
      [
        scored('greeting', 'greeting'),
        scored('greeting', 'thanks'),
        scored('thanks', 'thanks'),
        scored('thanks', 'thanks'),
      ],
      ['greeting', 'thanks'],
    );
    expect(metrics.accuracy).toBe(0.75);
    expect(metrics.confusion).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(metrics.perIntent[0]).toMatchObject({ intent: 'greeting', precision: 1, recall: 0.5 });
    expect(metrics.perIntent[1]).toMatchObject({ intent: 'thanks', precision: 2 / 3, recall: 1 });
    expect(metrics.macroF1).toBeCloseTo((2 / 3 + 0.8) / 2);
  });

  it('bins confidences, right and wrong apart', () => {
    const bins = confidenceHistogram([
      scored('help', 'help', 0.95),
      scored('help', 'thanks', 0.95),
      scored('help', 'help', 1),
    ]);
    expect(bins[9]).toMatchObject({ correct: 2, wrong: 1 });
    expect(bins.slice(0, 9).every((b) => b.correct + b.wrong === 0)).toBe(true);
  });

  it('takes percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 99)).toBe(99);
  });

  it('spreads every intent evenly over stratified folds, the same way for the same seed', () => {
    const items = [
      ...Array.from({ length: 10 }, (_, i) => ({ intent: 'greeting' as const, i })),
      ...Array.from({ length: 5 }, (_, i) => ({ intent: 'thanks' as const, i })),
    ];
    const folds = stratifiedFolds(items, 5, 42);
    expect(folds.map((f) => f.filter((x) => x.intent === 'greeting').length)).toEqual([2, 2, 2, 2, 2]);
    expect(folds.map((f) => f.filter((x) => x.intent === 'thanks').length)).toEqual([1, 1, 1, 1, 1]);
    expect(stratifiedFolds(items, 5, 42)).toEqual(folds);
  });

  it('makes one deterministic typo in a word of three letters or more', () => {
    const typo = injectTypo('làm lại căn cước cần gì');
    expect(typo).not.toBe('làm lại căn cước cần gì');
    expect(injectTypo('làm lại căn cước cần gì')).toBe(typo);
    expect(injectTypo('H43 12')).toBe('H43 12');
  });

  it('draws the confusion matrix as an SVG with every label and count', () => {
    const svg = confusionSvg(computeMetrics([scored('greeting', 'thanks')], ['greeting', 'thanks']), 'Test');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('>greeting<');
    expect(svg).toContain('>thanks<');
    expect(svg).toContain('>1<');
  });

  it('rewrites its own report section and keeps the others', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlu-report-'));
    const path = join(dir, 'report.md');
    const order = ['eval', 'compare'];
    writeReportSection(path, 'compare', 'compare one', order);
    writeReportSection(path, 'eval', 'eval one', order);
    writeReportSection(path, 'eval', 'eval two', order);
    const text = readFileSync(path, 'utf8');
    expect(text).toContain('eval two');
    expect(text).not.toContain('eval one');
    expect(text.indexOf('eval two')).toBeLessThan(text.indexOf('compare one'));
  });

  it('reads labelled TSV files, skips comments and refuses unknown intents', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nlu-tsv-'));
    const good = join(dir, 'good.tsv');
    writeFileSync(good, '# comment\nchào bạn\tgreeting\n\ncảm ơn\tthanks\n');
    expect(readLabelledTsv(good).map((m) => m.intent)).toEqual(['greeting', 'thanks']);
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'chào bạn\tgreetings\n');
    expect(() => readLabelledTsv(bad)).toThrow(/bad\.tsv:1/u);
    expect(existsSync(bad)).toBe(true);
  });

  it('refuses to train on held-out data', () => {
    expect(() => assertNotHoldout('/x/intents/data/holdout/citizen-messages.tsv')).toThrow(/held-out/u);
    expect(() => assertNotHoldout('/x/intents/data/greeting.tsv')).not.toThrow();
  });
});
