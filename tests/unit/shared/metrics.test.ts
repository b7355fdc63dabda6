// Issue 17's operations metrics: EMF records CloudWatch can read, counted where each thing happens.

import { describe, expect, it } from 'vitest';
import { createLogger, withLogContext } from '../../../functions/shared/logger';
import {
  countingLogger,
  emfMetrics,
  METRICS_NAMESPACE,
  type MetricName,
  type Metrics,
} from '../../../functions/shared/metrics';
import { citizen, testServices } from '../../support/test-services';

function recorder(): Metrics & { counts: Partial<Record<MetricName, number>> } {
  const counts: Partial<Record<MetricName, number>> = {};
  return {
    counts,
    count(name, value = 1) {
      counts[name] = (counts[name] ?? 0) + value;
    },
  };
}

describe('embedded metric format', () => {
  it('writes one EMF record per count: namespace, no dimensions, a Count unit and the value', () => {
    const lines: string[] = [];
    emfMetrics(
      (line) => lines.push(line),
      () => 1_764_000_000_000,
    ).count('Handoffs');
    expect(lines).toHaveLength(1);
    const record = JSON.parse(lines[0] ?? '{}');
    expect(record).toEqual({
      _aws: {
        Timestamp: 1_764_000_000_000,
        CloudWatchMetrics: [
          { Namespace: METRICS_NAMESPACE, Dimensions: [[]], Metrics: [{ Name: 'Handoffs', Unit: 'Count' }] },
        ],
      },
      Handoffs: 1,
    });
  });

  it('counts the log events that are metrics, from children too, and still logs them', () => {
    const metrics = recorder();
    const lines: string[] = [];
    const log = countingLogger(
      createLogger('info', {}, (line) => lines.push(line)),
      metrics,
    );
    log.warn('zalo_webhook_refused', { reason: 'bad_mac' });
    log.child({ requestId: 'r1' }).warn('zalo_bot_webhook_refused', {});
    log.info('turn', {});
    expect(metrics.counts).toEqual({ RefusedWebhooks: 2 });
    expect(lines).toHaveLength(3);
  });
});

describe('metrics counted by the stores', () => {
  it('counts an answered question, an unknown one, and a hand-off', async () => {
    const metrics = recorder();
    const { services } = testServices({ metrics });
    await citizen(services, 'metrics-answered').say('làm lại căn cước cần gì');
    expect(metrics.counts).toEqual({ TurnsAnswered: 1 });
    await citizen(services, 'metrics-unknown').say('thủ tục nuôi rồng bay');
    expect(metrics.counts.TurnsUnknown).toBe(1);
    await citizen(services, 'metrics-handoff').say('cho tôi gặp cán bộ');
    expect(metrics.counts.Handoffs).toBe(1);
    expect(metrics.counts.TurnsAnswered).toBe(1);
  });
});

describe('request ids in the logs', () => {
  it('adds the id of the request being served to every line, and nothing outside it', async () => {
    const lines: string[] = [];
    const log = createLogger('info', {}, (line) => lines.push(line));
    await withLogContext({ requestId: 'req-A' }, async () => {
      await Promise.resolve();
      log.info('inside');
    });
    log.info('outside');
    expect(JSON.parse(lines[0] ?? '{}').requestId).toBe('req-A');
    expect(JSON.parse(lines[1] ?? '{}').requestId).toBeUndefined();
  });
});
