import type { Logger } from './logger';

/**
 * Operations metrics as CloudWatch embedded metric format (EMF): one JSON line on stdout per count,
 * which CloudWatch Logs turns into a metric. No SDK call, no dependency, nothing at start-up.
 * Powertools' Metrics and Logger would do the same with ~34 kB more per bundle and ~30 ms more
 * import on a cold start (measured, see README): too much against the 150 ms cold-start target.
 *
 * The metrics have no dimensions on purpose: CloudWatch bills each name × dimension combination
 * as one custom metric ($0.30 a month), so eight names cost $2.40 in a month with any traffic.
 */
export const METRICS_NAMESPACE = 'TroLyAoDichVuCong';

export const METRIC_NAMES = [
  /** A citizen's question answered from the knowledge base. */
  'TurnsAnswered',
  /** Close candidates offered: the citizen is asked to choose. */
  'TurnsChoose',
  /** Not understood (recorded for the unanswered-questions report). */
  'TurnsUnknown',
  'Handoffs',
  'Ratings',
  'ZaloSends',
  'ZnsFallbacks',
  'RefusedWebhooks',
] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export interface Metrics {
  count(name: MetricName, value?: number): void;
}

export const noMetrics: Metrics = { count: () => {} };

/** One EMF record per count, written at once: a Lambda frozen after its answer loses nothing. */
export function emfMetrics(
  sink: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  now: () => number = Date.now,
): Metrics {
  return {
    count(name, value = 1) {
      sink(
        JSON.stringify({
          _aws: {
            Timestamp: now(),
            CloudWatchMetrics: [
              { Namespace: METRICS_NAMESPACE, Dimensions: [[]], Metrics: [{ Name: name, Unit: 'Count' }] },
            ],
          },
          [name]: value,
        }),
      );
    },
  };
}

/**
 * Events that are already logged where they happen and are counted from the log call itself, so
 * the channels need no metrics wiring. `zalo_sent` and `zalo_zns_sent` are the names the Zalo
 * channels log a delivered message and a ZNS fallback notice under.
 */
export const LOG_EVENT_METRICS: Readonly<Record<string, MetricName>> = {
  zalo_webhook_refused: 'RefusedWebhooks',
  zalo_bot_webhook_refused: 'RefusedWebhooks',
  zalo_sent: 'ZaloSends',
  zalo_zns_sent: 'ZnsFallbacks',
};

/** The logger, counting the events of LOG_EVENT_METRICS as it logs them (children too). */
export function countingLogger(log: Logger, metrics: Metrics): Logger {
  const tap =
    (write: Logger['info']): Logger['info'] =>
    (event, data) => {
      const metric = LOG_EVENT_METRICS[event];
      if (metric) metrics.count(metric);
      write(event, data);
    };
  return {
    debug: tap(log.debug),
    info: tap(log.info),
    warn: tap(log.warn),
    error: tap(log.error),
    child: (bindings) => countingLogger(log.child(bindings), metrics),
  };
}
