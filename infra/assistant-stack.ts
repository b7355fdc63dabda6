import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { AppSecrets } from './constructs/app-secrets';
import { AssistantFunctions } from './constructs/assistant-functions';
import { DataTables } from './constructs/data-tables';
import { AssistantHttpApi } from './constructs/http-api';
import { KnowledgeSnapshots } from './constructs/knowledge-snapshots';
import { OpsAlarms } from './constructs/ops-alarms';
import { OpsDashboard } from './constructs/ops-dashboard';
import { RealtimeApi } from './constructs/realtime-api';
import { StaffAuth } from './constructs/staff-auth';
import { WebHosting } from './constructs/web-hosting';
import type { DeploySettings } from './deploy-settings';

export interface AssistantStackProps extends StackProps {
  readonly settings: DeploySettings;
  /** Folder of pre-built Lambda bundles (one sub-folder per Lambda), from `buildLambdas()`. */
  readonly lambdaCodeDir: string;
  /** Folder of static pages published to S3/CloudFront. */
  readonly webDir: string;
}

/**
 * The whole assistant in one environment-agnostic stack: no account or region is looked up, so the
 * same template deploys to any account and region the CLI points at.
 */
export class AssistantStack extends Stack {
  readonly tables: DataTables;
  readonly secrets: AppSecrets;
  readonly functions: AssistantFunctions;
  readonly staffAuth: StaffAuth;
  readonly httpApi: AssistantHttpApi;
  readonly web: WebHosting;
  readonly alarms: OpsAlarms;
  readonly realtime: RealtimeApi;
  readonly dashboard: OpsDashboard;
  readonly knowledge: KnowledgeSnapshots;

  constructor(scope: Construct, id: string, props: AssistantStackProps) {
    super(scope, id, props);
    const { settings } = props;

    this.tables = new DataTables(this, 'Tables');
    this.secrets = new AppSecrets(this, 'Secrets');
    this.functions = new AssistantFunctions(this, 'Functions', {
      codeDir: props.lambdaCodeDir,
      tables: this.tables,
      secrets: this.secrets,
      settings,
    });

    // The distribution comes first: the staff sign-in client must know the console's address, the
    // API's authorizer must know the client, and only then can CloudFront forward to the API.
    this.web = new WebHosting(this, 'Web', { chatEmbedOrigins: settings.chatEmbedOrigins });
    this.knowledge = new KnowledgeSnapshots(this, 'Knowledge', {
      readers: [this.functions.chat, this.functions.zaloProcessor],
      publisher: this.functions.staff,
      accessLogs: this.web.logBucket,
    });
    this.staffAuth = new StaffAuth(this, 'StaffAuth', {
      consoleUrl: this.consoleUrl,
      ...(settings.staffSignInDomainPrefix ? { domainPrefix: settings.staffSignInDomainPrefix } : {}),
    });
    this.httpApi = new AssistantHttpApi(this, 'Http', {
      functions: this.functions,
      staffAuth: this.staffAuth,
      settings,
    });
    this.web.routeApi(this.httpApi.api, this.secrets.originVerify.secretValue.unsafeUnwrap());
    this.realtime = new RealtimeApi(this, 'Realtime', {
      codeDir: props.lambdaCodeDir,
      functions: this.functions,
      tables: this.tables,
      web: this.web,
      settings,
      environment: { ...this.tables.environment(), LOG_LEVEL: settings.logLevel },
    });
    this.alarms = new OpsAlarms(this, 'Alarms', {
      functions: this.functions.all,
      deadLetterQueue: this.functions.processorDeadLetters,
      api: this.httpApi.api,
      tables: this.tables.all,
      zaloLogs: {
        processor: this.functions.zaloProcessor.logGroup,
        tokenRefresh: this.functions.zaloTokenRefresh.logGroup,
        webhook: this.functions.zaloWebhook.logGroup,
      },
      email: settings.alarmEmail,
    });
    this.dashboard = new OpsDashboard(this, 'Dashboard', {
      functions: [...this.functions.all, this.realtime.fn],
    });

    this.web.publish({
      webDir: props.webDir,
      runtimeConfig: {
        // Empty: the pages call the API on their own origin (CloudFront forwards the API paths).
        apiBase: '',
        staffAuth: {
          type: 'cognito',
          region: this.region,
          userPoolId: this.staffAuth.userPool.userPoolId,
          clientId: this.staffAuth.consoleClient.userPoolClientId,
          signInDomain: this.staffAuth.domain.baseUrl(),
          // Must equal the client's callback and sign-out URL exactly, or Cognito refuses the sign-in.
          redirectUri: this.consoleUrl,
          scopes: ['openid', 'email', 'profile'],
        },
      },
    });

    this.outputs();
  }

  /**
   * The staff console's one address (`https://<cloudfront>/staff/`, trailing slash included): the
   * Cognito client's callback and sign-out URL, the console's `redirectUri` in /config.json, and the
   * StaffConsoleUrl output. The console is also served at `/staff` and `/staff/index.html`, but
   * always returns here from the hosted UI.
   */
  get consoleUrl(): string {
    return `${this.web.url}/staff/`;
  }

  private outputs(): void {
    const out = (id: string, value: string, description: string) =>
      new CfnOutput(this, id, { value, description });
    out('WebUrl', `${this.web.url}/`, 'Citizen chat page (embed the widget from here)');
    out('StaffConsoleUrl', this.consoleUrl, 'Staff console');
    out(
      'ZaloWebhookUrl',
      `${this.web.url}/zalo/webhook`,
      'Webhook URL to register in the Zalo developer console (OA)',
    );
    out(
      'ZaloBotWebhookUrl',
      `${this.web.url}/zalo/bot/webhook`,
      'Webhook URL to register with setWebhook (Zalo Bot)',
    );
    out('ApiUrl', this.httpApi.url, 'HTTP API endpoint (also reachable through the CloudFront domain)');
    out('StaffUserPoolId', this.staffAuth.userPool.userPoolId, 'Cognito user pool of staff accounts');
    out(
      'StaffConsoleClientId',
      this.staffAuth.consoleClient.userPoolClientId,
      'Cognito app client of the staff console',
    );
    out('StaffSignInDomain', this.staffAuth.domain.baseUrl(), 'Hosted sign-in page of the staff console');
    out(
      'ZaloSecretArn',
      this.secrets.zalo.secretArn,
      'Secrets Manager secret to fill with the Zalo OA credentials',
    );
    out(
      'IntegrationSecretArn',
      this.secrets.integrationKey.secretArn,
      'Secrets Manager secret holding the integration API key',
    );
    out('AlarmTopicArn', this.alarms.topic.topicArn, 'SNS topic receiving the operations alarms');
    out(
      'ProcessorDeadLetterQueueUrl',
      this.functions.processorDeadLetters.queueUrl,
      'Failed Zalo processor invocations',
    );
    out(
      'SiteBucketName',
      this.web.siteBucket.bucketName,
      'S3 bucket of the static pages (upload the Zalo domain verifier here)',
    );
    for (const table of this.tables.all)
      out(`${table.node.id}TableName`, table.tableName, `DynamoDB table ${table.node.id}`);
  }
}
