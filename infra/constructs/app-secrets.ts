import { SecretValue } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledgeNagFinding } from '../nag';

/** The fields of the Zalo secret, as the Lambdas parse it (one JSON object). */
export const ZALO_SECRET_FIELDS = [
  'appId',
  'oaSecretKey',
  'appSecret',
  'accessToken',
  'refreshToken',
  'botToken',
  'botSecretToken',
] as const;

/**
 * Secrets Manager holds what must not sit in the template or the environment:
 * the Zalo credentials and token pair, and the key the province's systems present to the integration API.
 */
export class AppSecrets extends Construct {
  readonly zalo: secretsmanager.Secret;
  readonly integrationKey: secretsmanager.Secret;
  readonly originVerify: secretsmanager.Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    // Created with empty fields: the operator fills them after the first deployment (docs/deploy.md).
    // CloudFormation only writes this value when the resource is created or its template changes,
    // so deployments never overwrite what the operator or the token refresh has put there since.
    this.zalo = new secretsmanager.Secret(this, 'Zalo', {
      description:
        'Zalo OA credentials and token pair (JSON: appId, oaSecretKey, appSecret, accessToken, refreshToken, botToken, botSecretToken)',
      secretObjectValue: Object.fromEntries(
        ZALO_SECRET_FIELDS.map((field) => [field, SecretValue.unsafePlainText('')]),
      ),
    });
    acknowledgeNagFinding(
      this.zalo,
      'AwsSolutions-SMG4',
      'The Zalo access/refresh token pair is rotated by the zalo-token-refresh Lambda about every 20 hours, checked hourly (Zalo issues the new pair, so a Secrets Manager rotation function cannot); the OA keys are rotated in the Zalo developer console.',
    );

    // The whole secret string is the key (no JSON), so the province can read it with one CLI call.
    this.integrationKey = new secretsmanager.Secret(this, 'IntegrationKey', {
      description: 'Bearer key the province one-stop system presents to PUT /api/integrations/*',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
    });
    acknowledgeNagFinding(
      this.integrationKey,
      'AwsSolutions-SMG4',
      'The key is shared with the province one-stop system, which must be reconfigured at the same moment; it is rotated by hand with the documented procedure (docs/deploy.md), not on a schedule.',
    );

    // What CloudFront adds to every request it forwards to the API (an origin custom header), so the
    // chat Lambda can tell CloudFront's requests, whose `cloudfront-viewer-address` is the citizen's,
    // from direct calls to the API endpoint, where anyone can write that header.
    this.originVerify = new secretsmanager.Secret(this, 'OriginVerify', {
      description: 'Value of the x-origin-verify header CloudFront adds to requests it forwards to the API',
      generateSecretString: { passwordLength: 40, excludePunctuation: true, includeSpace: false },
    });
    acknowledgeNagFinding(
      this.originVerify,
      'AwsSolutions-SMG4',
      'Read at deployment by CloudFront (origin custom header) and the chat Lambda (environment); rotating means a new value and a redeployment of both, done by hand. It only decides whether the viewer-address header is trusted for rate limits.',
    );
  }
}
