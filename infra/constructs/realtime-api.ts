import { Duration, Fn, Stack } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { SOCKET_PATH } from '../../functions/realtime/protocol';
import type { DeploySettings } from '../deploy-settings';
import { allowTable } from '../least-privilege';
import { acknowledgeNagFinding } from '../nag';
import { AssistantFunction } from './assistant-function';
import type { AssistantFunctions } from './assistant-functions';
import type { DataTables } from './data-tables';
import { stageAccessLogs } from './stage-access-logs';
import type { WebHosting } from './web-hosting';

export interface RealtimeApiProps {
  readonly codeDir: string;
  readonly functions: AssistantFunctions;
  readonly tables: DataTables;
  readonly web: WebHosting;
  readonly settings: DeploySettings;
  /** Environment every Lambda shares (table names, log level). */
  readonly environment: Record<string, string>;
}

/**
 * The stage is named after the pages' socket path, so CloudFront can forward `/ws` unchanged:
 * the pages open `wss://<their own origin>/ws`, which `connect-src 'self'` allows.
 */
export const SOCKET_STAGE = SOCKET_PATH.slice(1);

/**
 * Push to open pages (issue 17): an API Gateway WebSocket API whose frames go to one small
 * Lambda (functions/handlers/realtime.ts); connections are TTL'd items of the conversations table.
 * The Lambdas that write outside a citizen's turn (staff replies, notices, new requests) post to
 * the connections themselves through the Management API: one Query and one POST per listener.
 */
export class RealtimeApi extends Construct {
  readonly api: apigwv2.WebSocketApi;
  readonly stage: apigwv2.WebSocketStage;
  readonly fn: AssistantFunction;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: RealtimeApiProps) {
    super(scope, id);
    const { functions, tables, settings } = props;

    this.fn = new AssistantFunction(this, 'Handler', {
      name: 'realtime',
      codeDir: props.codeDir,
      description: 'WebSocket subscriptions of the chat page and the staff console',
      timeout: Duration.seconds(10),
      memorySize: 256,
      environment: props.environment,
    });
    const integration = new WebSocketLambdaIntegration('Socket', this.fn.fn);
    this.api = new apigwv2.WebSocketApi(this, 'Api', {
      description: 'Trợ lý ảo Dịch vụ công: push to open chat pages and staff consoles',
      // Only frames invoke the Lambda: a connection is accepted without a $connect route, and a
      // disconnect needs nothing done (its items expire), so neither costs an invocation.
      defaultRouteOptions: { integration },
    });
    // Never the connection's frames: they carry session ids.
    const access = stageAccessLogs(this, {
      route: '$context.routeKey',
      event: '$context.eventType',
      status: '$context.status',
      integrationError: '$context.integrationErrorMessage',
    });
    this.accessLogs = access.group;
    this.stage = new apigwv2.WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: SOCKET_STAGE,
      autoDeploy: true,
      throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit },
      accessLogSettings: access.settings,
    });

    // The realtime Lambda keeps connections; it and every Lambda that writes outside a turn push.
    allowTable(this.fn.fn, 'conversations', tables.byName.conversations, 'read-write');
    const publishers = [
      this.fn,
      functions.chat,
      functions.staff,
      functions.integrations,
      functions.zaloProcessor,
    ];
    const postToConnections = Stack.of(this).formatArn({
      service: 'execute-api',
      resource: this.api.apiId,
      resourceName: `${SOCKET_STAGE}/POST/@connections/*`,
    });
    for (const publisher of publishers) {
      publisher.fn.addEnvironment('REALTIME_ENDPOINT', this.stage.callbackUrl);
      publisher.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          actions: ['execute-api:ManageConnections'],
          resources: [postToConnections],
        }),
      );
      acknowledgeNagFinding(
        publisher.role,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:<${Stack.of(this).getLogicalId(this.api.node.defaultChild as apigwv2.CfnApi)}>/${SOCKET_STAGE}/POST/@connections/*]`,
        'PostToConnection names the connection in its path, and API Gateway makes connection ids at run time: only POST to the connections of this one stage is allowed.',
      );
    }
    acknowledgeNagFinding(
      this.api,
      'AwsSolutions-APIG4',
      'Public by design, like the polling route it replaces: a page subscribes with its own session id (the same capability as GET /api/chat/{sessionId}/messages); the staff topic carries only "something changed" signals, and the console reads what changed over the Cognito-protected HTTP API.',
    );

    // Same origin as the pages: CloudFront forwards /ws to the stage of the same name.
    const apiHost = Fn.select(2, Fn.split('/', this.api.apiEndpoint));
    props.web.distribution.addBehavior(
      SOCKET_PATH,
      new origins.HttpOrigin(apiHost, { protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY }),
      {
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
        cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
        // The Sec-WebSocket-* headers of the upgrade, every viewer header but Host.
        originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
    );
  }
}
