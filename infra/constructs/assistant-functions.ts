import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TableName } from '../../functions/stores/tables';
import type { LambdaName } from '../../scripts/build-lambdas';
import type { DeploySettings } from '../deploy-settings';
import { allowInvoke, allowSecret, allowTable } from '../least-privilege';
import { acknowledgeNagFinding } from '../nag';
import { ADDRESS_LIMIT_SAMPLING_IN_AWS } from '../runtime-settings';
import type { AppSecrets } from './app-secrets';
import { AssistantFunction } from './assistant-function';
import type { DataTables } from './data-tables';

export interface AssistantFunctionsProps {
  readonly codeDir: string;
  readonly tables: DataTables;
  readonly secrets: AppSecrets;
  readonly settings: DeploySettings;
}

/** Failed `Event` invocations of the processor are retried twice, then kept here for a person. */
export const PROCESSOR_RETRY_ATTEMPTS = 2;
/** How often parked webhook hand-offs are run again (Zalo itself was answered 200 and will not retry). */
export const HANDOFF_REDRIVE_INTERVAL = Duration.minutes(5);
/**
 * How often the token refresher runs. It refreshes only when the pair is about 20 hours old (or close
 * to expiry), so most runs are no-ops; running hourly means a missed or failed run costs an hour, not
 * the whole 5-hour margin before the 25-hour access token expires.
 */
export const TOKEN_REFRESH_INTERVAL = Duration.hours(1);

const ALL_TABLES: readonly TableName[] = ['conversations', 'casework', 'registry'];

/**
 * The six Lambdas and what each may touch. The table below is the whole permission model:
 * every grant names one table, secret or function, and nothing else is reachable.
 */
export class AssistantFunctions extends Construct {
  readonly chat: AssistantFunction;
  readonly zaloWebhook: AssistantFunction;
  readonly zaloProcessor: AssistantFunction;
  readonly zaloTokenRefresh: AssistantFunction;
  readonly staff: AssistantFunction;
  readonly integrations: AssistantFunction;
  /** Where failed asynchronous invocations of the processor end up (an on-failure destination). */
  readonly processorDeadLetters: sqs.Queue;

  constructor(scope: Construct, id: string, props: AssistantFunctionsProps) {
    super(scope, id);
    const { tables, secrets, settings } = props;

    const common: Record<string, string> = {
      ...tables.environment(),
      // In AWS the staff API trusts the Cognito JWT that API Gateway has already verified.
      STAFF_AUTH: 'cognito',
      LOG_LEVEL: settings.logLevel,
      ...(settings.dossierCodePattern ? { DOSSIER_CODE_PATTERN: settings.dossierCodePattern } : {}),
      ...(settings.zaloSignatureVariant ? { ZALO_SIGNATURE_VARIANT: settings.zaloSignatureVariant } : {}),
    };
    const zaloSecret = { ZALO_SECRET_ARN: secrets.zalo.secretArn };
    const make = (
      name: LambdaName,
      id: string,
      description: string,
      timeout: Duration,
      environment: Record<string, string> = {},
      memorySize?: number,
    ) =>
      new AssistantFunction(this, id, {
        name,
        codeDir: props.codeDir,
        description,
        timeout,
        environment: { ...common, ...environment },
        ...(memorySize ? { memorySize } : {}),
      });

    // Built first: three others receive its name and the right to invoke it.
    this.zaloProcessor = make(
      'zalo-processor',
      'ZaloProcessor',
      'Runs a Zalo turn (or a staff/notice push) and sends the replies through the OA API',
      // Several OA API calls with retries; nobody waits on it synchronously.
      Duration.seconds(60),
      zaloSecret,
    );
    const processorEnv = { ZALO_PROCESSOR_FUNCTION: this.zaloProcessor.fn.functionName };

    this.chat = make('chat', 'Chat', 'Web chat turns, message polling and /healthz', Duration.seconds(10), {
      // Resolved by CloudFormation at deployment (a dynamic reference, not in the template), so the
      // Lambda needs no Secrets Manager call at cold start; see AppSecrets.originVerify.
      ORIGIN_VERIFY_SECRET: secrets.originVerify.secretValue.unsafeUnwrap(),
      RATE_LIMIT_ADDRESS_SAMPLING: String(ADDRESS_LIMIT_SAMPLING_IN_AWS),
      ...(settings.corsAllowedOrigins.length
        ? { CORS_ALLOWED_ORIGINS: settings.corsAllowedOrigins.join(',') }
        : {}),
    });
    this.zaloWebhook = make(
      'zalo-webhook',
      'ZaloWebhook',
      'Checks Zalo webhook signatures, drops duplicates and hands events to the processor',
      Duration.seconds(10),
      { ...zaloSecret, ...processorEnv },
    );
    this.zaloTokenRefresh = make(
      'zalo-token-refresh',
      'ZaloTokenRefresh',
      'Refreshes the Zalo OA access/refresh token pair before it expires',
      Duration.seconds(30),
      zaloSecret,
      256,
    );
    this.staff = make(
      'staff',
      'Staff',
      'Staff console API (Cognito JWT checked by API Gateway); publishes knowledge snapshots',
      // A publish builds the whole index once (~3 s of CPU on a laptop): more memory buys CPU, and the
      // timeout stays under API Gateway's 30 s.
      Duration.seconds(29),
      processorEnv,
      1536,
    );
    this.integrations = make(
      'integrations',
      'Integrations',
      'Dossier and digital-address upserts from the province systems',
      Duration.seconds(10),
      { INTEGRATION_SECRET_ARN: secrets.integrationKey.secretArn, ...processorEnv },
    );

    // --- Tables -------------------------------------------------------------------------------
    const grantTables = (fn: AssistantFunction, names: readonly TableName[]) => {
      for (const name of names) allowTable(fn.fn, name, tables.byName[name], 'read-write');
    };
    grantTables(this.chat, ALL_TABLES);
    grantTables(this.zaloWebhook, ['conversations']); // de-duplication by msg_id
    grantTables(this.zaloProcessor, ALL_TABLES);
    grantTables(this.zaloTokenRefresh, ['registry']); // the refresh lock
    grantTables(this.staff, ALL_TABLES);
    grantTables(this.integrations, ['registry', 'conversations', 'casework']);

    // --- Secrets ------------------------------------------------------------------------------
    allowSecret(this.zaloWebhook.fn, secrets.zalo, 'read'); // signature keys
    allowSecret(this.zaloProcessor.fn, secrets.zalo, 'read-write'); // refreshes on an expired token
    allowSecret(this.zaloTokenRefresh.fn, secrets.zalo, 'read-write');
    allowSecret(this.integrations.fn, secrets.integrationKey, 'read');

    // --- Asynchronous hand-offs to the processor ----------------------------------------------
    for (const caller of [this.zaloWebhook, this.staff, this.integrations])
      allowInvoke(caller.fn, this.zaloProcessor.fn);

    this.processorDeadLetters = new sqs.Queue(this, 'ProcessorDeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledgeNagFinding(
      this.processorDeadLetters,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter destination of the processor (an on-failure destination, which SQS3 does not recognise); a DLQ of a DLQ would only move the problem.',
    );
    this.zaloProcessor.fn.configureAsyncInvoke({
      retryAttempts: PROCESSOR_RETRY_ATTEMPTS,
      maxEventAge: Duration.hours(6),
      onFailure: new destinations.SqsDestination(this.processorDeadLetters),
    });

    // --- Token refresh schedule ---------------------------------------------------------------
    new events.Rule(this, 'TokenRefreshSchedule', {
      description: 'Hourly check: refresh the Zalo OA token pair once it is about 20 hours old',
      schedule: events.Schedule.rate(TOKEN_REFRESH_INTERVAL),
      targets: [new targets.LambdaFunction(this.zaloTokenRefresh.fn, { retryAttempts: 2 })],
    });

    // --- The webhook's retry queue ---------------------------------------------------------------
    // Events the webhook verified but could not hand over are parked in the conversations table;
    // the processor runs them on this schedule (and the webhook after its next good hand-off).
    new events.Rule(this, 'ZaloHandoffRedrive', {
      description: 'Every 5 minutes: the Zalo processor runs webhook events parked after a failed hand-off',
      schedule: events.Schedule.rate(HANDOFF_REDRIVE_INTERVAL),
      targets: [
        new targets.LambdaFunction(this.zaloProcessor.fn, {
          event: events.RuleTargetInput.fromObject({ type: 'zalo_redrive' }),
          retryAttempts: 2,
        }),
      ],
    });
  }

  get all(): AssistantFunction[] {
    return [
      this.chat,
      this.zaloWebhook,
      this.zaloProcessor,
      this.zaloTokenRefresh,
      this.staff,
      this.integrations,
    ];
  }
}
