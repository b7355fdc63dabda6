import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
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
  /** Optional e-mail address subscribed to the alarm topic. */
  readonly email?: string | undefined;
}

const FIVE_MINUTES = Duration.minutes(5);
/** API 5xx answers tolerated in five minutes before someone is told; one is an anomaly, five a trend. */
export const API_5XX_THRESHOLD = 5;

/**
 * Alarms that tell a person when citizens are not being answered: Lambda errors and throttles,
 * Zalo events parked in the dead-letter queue, API 5xx answers, DynamoDB throttling. All go to one
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
