import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { Construct } from 'constructs';
import { METRIC_NAMES, METRICS_NAMESPACE, type MetricName } from '../../functions/shared/metrics';
import type { AssistantFunction } from './assistant-function';

export interface OpsDashboardProps {
  readonly functions: readonly AssistantFunction[];
}

const HOUR = Duration.hours(1);
const sum = (name: MetricName) =>
  new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName: name, statistic: 'Sum', period: HOUR });

/**
 * One CloudWatch dashboard: what citizens got (answered / asked to choose / not understood), what
 * reached people (hand-offs, ratings), the Zalo side (sends, ZNS fallbacks, refused webhooks), and
 * the Lambdas' invocations, errors and durations. It reads the EMF metrics of functions/shared/metrics.ts.
 * (An account's first three dashboards are free; a fourth costs $3 a month: see docs/cost.md.)
 */
export class OpsDashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OpsDashboardProps) {
    super(scope, id);
    const graph = (title: string, names: readonly MetricName[]) =>
      new cloudwatch.GraphWidget({ title, left: names.map(sum), width: 8, height: 6, stacked: true });
    const perFunction = (title: string, metric: (f: AssistantFunction) => cloudwatch.IMetric) =>
      new cloudwatch.GraphWidget({ title, left: props.functions.map(metric), width: 8, height: 6 });

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      defaultInterval: Duration.days(7),
      widgets: [
        [
          graph('Citizens’ questions (per hour)', ['TurnsAnswered', 'TurnsChoose', 'TurnsUnknown']),
          graph('Hand-offs and ratings (per hour)', ['Handoffs', 'Ratings']),
          graph('Zalo (per hour)', ['ZaloSends', 'ZnsFallbacks', 'RefusedWebhooks']),
        ],
        [
          perFunction('Invocations', (f) => f.fn.metricInvocations({ period: HOUR, label: f.node.id })),
          perFunction('Errors', (f) => f.fn.metricErrors({ period: HOUR, label: f.node.id })),
          perFunction('Duration p90 (ms)', (f) =>
            f.fn.metricDuration({ period: HOUR, statistic: 'p90', label: f.node.id }),
          ),
        ],
        [
          new cloudwatch.SingleValueWidget({
            title: 'Last 7 days',
            metrics: METRIC_NAMES.map((name) => sum(name).with({ period: Duration.days(7) })),
            width: 24,
            height: 4,
          }),
        ],
      ],
    });
  }
}
