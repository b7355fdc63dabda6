import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AssistantFunction } from './assistant-function';

export interface OpsAlarmsProps {
  readonly functions: readonly AssistantFunction[];
  readonly deadLetterQueue: sqs.IQueue;
  readonly api: apigwv2.HttpApi;
  readonly tables: readonly dynamodb.Table[];
  /** Log groups whose JSON lines (functions/shared/logger.ts) are watched for events that need a person. */
  readonly zaloLogs: {
    readonly processor: logs.ILogGroup;
    readonly tokenRefresh: logs.ILogGroup;
    readonly webhook: logs.ILogGroup;
  };
  /** Optional e-mail address subscribed to the alarm topic. */
  readonly email?: string | undefined;
}

const FIVE_MINUTES = Duration.minutes(5);
/** API 5xx answers tolerated in five minutes before someone is told; one is an anomaly, five a trend. */
export const API_5XX_THRESHOLD = 5;

/**
 * Log events that need a person, as the Lambdas log them (`{"t","level","event",…}` on stderr).
 * The names must match the `log.*('…')` calls in functions/channels/zalo; a test checks they do.
 */
export const ZALO_LOG_EVENTS = {
  /** Zalo refused the refresh token: an admin must authorise the OA again (docs/zalo.md §4). */
  reauthorizationRequired: 'zalo_reauthorization_required',
  /** A staff reply or notice was not delivered: 7-day window closed, or the citizen is unreachable. */
  undelivered: 'zalo_undelivered',
  /** The webhook refused an event (bad or missing signature, unknown app): answered 200, not processed. */
  webhookRefused: 'zalo_webhook_refused',
  /** The webhook could not hand a verified event to the processor (it is parked and redriven). */
  handoffFailed: 'zalo_handoff_failed',
} as const;
/** Refused webhook events tolerated in 5 minutes: one stray probe is noise, a run of them a wrong key. */
export const ZALO_REFUSED_THRESHOLD = 5;
/** Undelivered Zalo messages tolerated in an hour: a few citizens out of the window is normal. */
export const ZALO_UNDELIVERED_THRESHOLD = 20;
const ONE_HOUR = Duration.hours(1);

/** The CloudFormation filter pattern selecting the JSON log lines of one event. */
export const logEventPattern = (event: string): logs.IFilterPattern =>
  logs.FilterPattern.stringValue('$.event', '=', event);

/**
 * Alarms that tell a person when citizens are not being answered: Lambda errors and throttles,
 * Zalo events parked in the dead-letter queue, API 5xx answers, DynamoDB throttling, and two log
 * events (the Zalo OA needs re-authorising; many notices undelivered). All go to one
 * SNS topic, encrypted with a customer-managed key because CloudWatch cannot use the AWS-managed SNS key.
 */
export class OpsAlarms extends Construct {
  readonly topic: sns.Topic;
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);

    const key = new kms.Key(this, 'TopicKey', {
      description: 'Encrypts the operations alarm topic',
      enableKeyRotation: true,
      // It only protects notifications in transit; nothing stored depends on it after a teardown.
      removalPolicy: RemovalPolicy.DESTROY,
      pendingWindow: Duration.days(7),
    });
    // CloudWatch publishes alarm notifications into the encrypted topic on this account's behalf.
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'], // in a key policy, "*" means this key
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );

    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Tro ly ao DVC - canh bao van hanh',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new subscriptions.EmailSubscription(props.email));

    for (const f of props.functions) {
      const name = f.node.id;
      this.add(
        `${name}Errors`,
        `${name}: the Lambda failed at least once in 5 minutes`,
        f.fn.metricErrors({ period: FIVE_MINUTES }),
        1,
      );
      this.add(
        `${name}Throttles`,
        `${name}: the Lambda was throttled in the last 5 minutes`,
        f.fn.metricThrottles({ period: FIVE_MINUTES }),
        1,
      );
    }

    this.add(
      'ProcessorDeadLetters',
      'Zalo events or pushes failed after all retries and wait in the dead-letter queue: replay or answer them by hand',
      props.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: FIVE_MINUTES,
        statistic: 'Maximum',
      }),
      1,
    );

    this.add(
      'Api5xx',
      `The HTTP API answered ${API_5XX_THRESHOLD} or more 5xx in 5 minutes`,
      props.api.metricServerError({ period: FIVE_MINUTES }),
      API_5XX_THRESHOLD,
    );

    for (const table of props.tables) {
      const name = table.node.id;
      const throttles = new cloudwatch.MathExpression({
        expression: 'reads + writes',
        usingMetrics: {
          reads: table.metric('ReadThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
          writes: table.metric('WriteThrottleEvents', { period: FIVE_MINUTES, statistic: 'Sum' }),
        },
        period: FIVE_MINUTES,
        label: `${name} throttle events`,
      });
      this.add(`${name}Throttles`, `DynamoDB table ${name} throttled requests`, throttles, 1);
    }

    this.addLogAlarms(props.zaloLogs);
  }

  /**
   * Metric filters turn log events into metrics. The namespace carries the stack name so that a
   * second copy (staging) in the same account does not feed, or trip, this copy's alarms.
   */
  private addLogAlarms(zaloLogs: OpsAlarmsProps['zaloLogs']): void {
    const namespace = `${Stack.of(this).stackName}/Zalo`;
    const eventMetric = (
      id: string,
      event: string,
      logGroups: readonly logs.ILogGroup[],
      period: Duration,
    ): cloudwatch.IMetric => {
      const metricName = id;
      // Several filters may feed one metric: the alarm sees every log group at once.
      logGroups.forEach((logGroup, i) => {
        new logs.MetricFilter(this, `${id}Filter${i}`, {
          logGroup,
          filterPattern: logEventPattern(event),
          metricNamespace: namespace,
          metricName,
          metricValue: '1',
        });
      });
      return new cloudwatch.Metric({ namespace, metricName, period, statistic: 'Sum' });
    };

    this.add(
      'ZaloReauthorizationRequired',
      'Zalo refused to refresh the OA token pair (zalo_reauthorization_required): replies and notices on Zalo ' +
        'fail until an OA admin authorises again with `npm run zalo:authorize` (docs/zalo.md §4, "In AWS"). ' +
        'The hourly refresher logs it again every hour until then.',
      eventMetric(
        'ZaloReauthorizationRequired',
        ZALO_LOG_EVENTS.reauthorizationRequired,
        [zaloLogs.processor, zaloLogs.tokenRefresh],
        FIVE_MINUTES,
      ),
      1,
    );

    this.add(
      'ZaloUndelivered',
      `${ZALO_UNDELIVERED_THRESHOLD} or more Zalo staff replies or notices could not be delivered in an hour ` +
        '(zalo_undelivered in the processor log: reason interaction_window_closed = the citizen has not written ' +
        'in 7 days, recipient_unreachable = blocked or unfollowed). Reach these citizens another way; ' +
        'the records are kept 30 days under ZALO#UNDELIVERED (docs/zalo.md §6).',
      eventMetric('ZaloUndelivered', ZALO_LOG_EVENTS.undelivered, [zaloLogs.processor], ONE_HOUR),
      ZALO_UNDELIVERED_THRESHOLD,
    );

    this.add(
      'ZaloWebhookRefused',
      `${ZALO_REFUSED_THRESHOLD} or more Zalo webhook events were refused in 5 minutes (zalo_webhook_refused in the ` +
        'webhook log; its reason says which check failed). Zalo was answered 200, so it does not retry: the events ' +
        'are lost. Usually ZALO_OA_SECRET_KEY, ZALO_APP_ID or ZALO_SIGNATURE_VARIANT is wrong (docs/zalo.md, first day).',
      eventMetric('ZaloWebhookRefused', ZALO_LOG_EVENTS.webhookRefused, [zaloLogs.webhook], FIVE_MINUTES),
      ZALO_REFUSED_THRESHOLD,
    );

    this.add(
      'ZaloHandoffFailed',
      'The Zalo webhook could not invoke the processor (zalo_handoff_failed). The events are parked under ' +
        'ZALO#HANDOFF and handed over again by the next webhook call and the hourly token-refresh run; ' +
        'check the processor Lambda (throttles, concurrency) (docs/zalo.md).',
      eventMetric('ZaloHandoffFailed', ZALO_LOG_EVENTS.handoffFailed, [zaloLogs.webhook], FIVE_MINUTES),
      1,
    );
  }

  private add(id: string, description: string, metric: cloudwatch.IMetric, threshold: number): void {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      // No traffic is not a failure.
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    this.alarms.push(alarm);
  }
}
