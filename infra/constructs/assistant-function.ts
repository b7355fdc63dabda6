import { join } from 'node:path';
import { type Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LambdaName } from '../../scripts/build-lambdas';
import { acknowledgeNagFinding } from '../nag';

export interface AssistantFunctionProps {
  readonly name: LambdaName;
  /** Folder holding one sub-folder per bundle, as `buildLambdas()` writes them. */
  readonly codeDir: string;
  readonly description: string;
  readonly timeout: Duration;
  readonly memorySize?: number;
  readonly environment: Record<string, string>;
}

/** How long Lambda logs are kept: enough to investigate a complaint, short enough to hold little. */
export const FUNCTION_LOG_RETENTION = logs.RetentionDays.THREE_MONTHS;

/**
 * One Lambda of the assistant: Node.js 22 on Graviton, its pre-built bundle (never built by CDK,
 * so synth needs neither Docker nor network), its own log group with a retention, and its own role
 * that starts empty: no AWS-managed policy, only the statements its wiring adds.
 */
export class AssistantFunction extends Construct {
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: AssistantFunctionProps) {
    super(scope, id);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: FUNCTION_LOG_RETENTION,
      // Logs hold no personal data in clear and are not evidence; they go with the stack.
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Runs the ${props.name} Lambda`,
    });
    // Exactly what AWSLambdaBasicExecutionRole gives, narrowed to this function's own log group.
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [this.logGroup.logGroupArn],
      }),
    );

    this.fn = new lambda.Function(this, 'Function', {
      description: props.description,
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      handler: 'index.handler',
      code: lambda.Code.fromAsset(join(props.codeDir, props.name)),
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      role: this.role,
      logGroup: this.logGroup,
      // Lambda's own START/END/REPORT lines (INFO system logs) are a third of the log bytes a
      // conversation ingests and duplicate what the function's CloudWatch metrics already count
      // (invocations, duration, errors, throttles): only the platform's warnings are kept. JSON
      // format is what makes that filter available; our own lines were JSON already, written
      // straight to stdout/stderr (functions/shared/logger.ts, metrics.ts), which the runtime passes
      // through untouched, so the `$.event` metric filters and the EMF metrics read them as before.
      loggingFormat: lambda.LoggingFormat.JSON,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      // No NODE_OPTIONS=--enable-source-maps: Node then parses the bundle's source map (~0.8 MB) while
      // it loads the bundle, 15-20 ms of every cold start (issue 17). Stack traces in the logs give
      // positions in index.mjs; the index.mjs.map beside it in the code asset translates them.
      environment: props.environment,
    });
    acknowledgeNagFinding(
      this.fn,
      'AwsSolutions-L1',
      'nodejs22.x is the runtime the project targets and tests on (issue 2); it is a supported LTS runtime. Moving to a newer one is a deliberate upgrade, not a deploy-time default.',
    );
  }
}
