import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { DeploySettings } from '../deploy-settings';
import { acknowledgeNagFinding } from '../nag';
import type { AssistantFunctions } from './assistant-functions';
import type { StaffAuth } from './staff-auth';
import { stageAccessLogs } from './stage-access-logs';

export interface HttpApiProps {
  readonly functions: AssistantFunctions;
  readonly staffAuth: StaffAuth;
  readonly settings: DeploySettings;
}

/**
 * One HTTP API (payload v2) serving the routes of ../shared/contract/api.md, as `npm start` does.
 * Unmatched routes go to the chat Lambda, whose router answers them with the contract's JSON 404/405
 * instead of API Gateway's own body.
 */
export class AssistantHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    const { functions, staffAuth, settings } = props;

    const chat = new HttpLambdaIntegration('Chat', functions.chat.fn);
    const zaloWebhook = new HttpLambdaIntegration('ZaloWebhook', functions.zaloWebhook.fn);
    const staff = new HttpLambdaIntegration('Staff', functions.staff.fn);
    const integrations = new HttpLambdaIntegration('Integrations', functions.integrations.fn);

    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'Trợ lý ảo Dịch vụ công: web chat, Zalo webhook, staff console and integration API',
      // The stage below is declared by hand to carry throttling and access logging.
      createDefaultStage: false,
      defaultIntegration: chat,
      // No API-wide CORS: it would answer for the staff and integration routes too. The chat Lambda
      // answers CORS itself, for the configured origins only (functions/http/cors.ts).
    });

    // The route key, never the raw path: paths carry session ids and dossier codes.
    const access = stageAccessLogs(this, {
      ip: '$context.identity.sourceIp',
      route: '$context.routeKey',
      status: '$context.status',
      protocol: '$context.protocol',
      responseLength: '$context.responseLength',
      latencyMs: '$context.responseLatency',
      integrationLatencyMs: '$context.integration.latency',
      integrationError: '$context.integrationErrorMessage',
      authorizerError: '$context.authorizer.error',
    });
    this.accessLogs = access.group;
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: settings.apiRateLimit, burstLimit: settings.apiBurstLimit },
      accessLogSettings: access.settings,
    });

    const authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', staffAuth.userPool, {
      userPoolClients: [staffAuth.consoleClient],
    });

    const { GET, POST, PUT, ANY } = apigwv2.HttpMethod;
    const publicRoutes: readonly {
      path: string;
      method: apigwv2.HttpMethod;
      integration: HttpLambdaIntegration;
      why: string;
    }[] = [
      { path: '/api/chat', method: POST, integration: chat, why: 'citizens chat without an account' },
      {
        path: '/api/chat/{sessionId}/messages',
        method: GET,
        integration: chat,
        why: 'the widget polls its own session',
      },
      { path: '/healthz', method: GET, integration: chat, why: 'health probe' },
      {
        path: '/zalo/webhook',
        method: POST,
        integration: zaloWebhook,
        why: 'Zalo signs each event; the Lambda checks the MAC',
      },
      {
        path: '/zalo/bot/webhook',
        method: POST,
        integration: zaloWebhook,
        why: 'Zalo Bot sends its secret token; the Lambda checks it',
      },
      {
        path: '/api/integrations/{proxy+}',
        method: PUT,
        integration: integrations,
        why: 'the Lambda checks the bearer key held in Secrets Manager (a machine client, not a Cognito user)',
      },
    ];
    for (const route of publicRoutes) {
      this.api.addRoutes({ path: route.path, methods: [route.method], integration: route.integration });
    }
    this.api.addRoutes({ path: '/api/staff/{proxy+}', methods: [ANY], integration: staff, authorizer });

    // Everything outside /api/staff is public by design; each route's reason is listed above.
    const publicReasons = publicRoutes.map((r) => `${r.method} ${r.path} (${r.why})`).join('; ');
    acknowledgeNagFinding(
      this.api,
      'AwsSolutions-APIG4',
      `Only /api/staff/* needs a Cognito user; the other routes authenticate in the Lambda or are public: ${publicReasons}; $default answers 404/405.`,
    );
  }

  /** `https://<id>.execute-api.<region>.amazonaws.com/` */
  get url(): string {
    return this.stage.url;
  }
}
