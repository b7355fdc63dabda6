import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import type * as s3assets from 'aws-cdk-lib/aws-s3-assets';
import type { IConstruct } from 'constructs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_AFTER_MS } from '../../functions/channels/zalo/token-manager';
import { ORIGIN_VERIFY_HEADER } from '../../functions/http/page-security';
import { createLogger } from '../../functions/shared/logger';
import { METRIC_NAMES, METRICS_NAMESPACE } from '../../functions/shared/metrics';
import { TABLE_NAMES, TABLES } from '../../functions/stores/tables';
import { ZALO_SECRET_FIELDS } from '../../infra/constructs/app-secrets';
import type { AssistantFunction } from '../../infra/constructs/assistant-function';
import { TOKEN_REFRESH_INTERVAL } from '../../infra/constructs/assistant-functions';
import {
  ZALO_LOG_EVENTS,
  ZALO_REFUSED_THRESHOLD,
  ZALO_UNDELIVERED_THRESHOLD,
} from '../../infra/constructs/ops-alarms';
import { ADDRESS_LIMIT_SAMPLING_IN_AWS } from '../../infra/runtime-settings';
import { ROOT, type SynthResult, synthAssistant } from './synth-fixture';

type Resource = {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};
type Statement = { Action: string | string[]; Resource: unknown; Effect: string };

let synth: SynthResult;
let resources: Record<string, Resource>;

beforeAll(async () => {
  synth = await synthAssistant({ alarmEmail: 'ops@example.org' });
  resources = synth.template.toJSON().Resources as Record<string, Resource>;
});
afterAll(() => synth?.cleanup());

/** The template resource of a logical id; a missing one fails the test with its name. */
function resource(id: string): Resource {
  const found = resources[id];
  if (!found) throw new Error(`no resource ${id} in the template`);
  return found;
}
const envOf = (f: AssistantFunction) =>
  (resource(fnId(f)).Properties.Environment as { Variables: Record<string, unknown> }).Variables;

const logicalId = (construct: IConstruct) =>
  synth.stack.getLogicalId(construct.node.defaultChild as CfnElement);
const fnId = (f: AssistantFunction) => logicalId(f.fn);
const fnArn = (f: AssistantFunction) => ({ 'Fn::GetAtt': [fnId(f), 'Arn'] });
const tableArn = (name: (typeof TABLE_NAMES)[number]) => ({
  'Fn::GetAtt': [logicalId(synth.stack.tables.byName[name]), 'Arn'],
});

/** Every statement of the inline policies attached to a function's role. */
function statementsOf(f: AssistantFunction): Statement[] {
  const roleId = logicalId(f.role);
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy')
    .filter((r) =>
      (r.Properties.Roles as unknown[]).some(
        (ref) => JSON.stringify(ref) === JSON.stringify({ Ref: roleId }),
      ),
    )
    .flatMap((r) => (r.Properties.PolicyDocument as { Statement: Statement[] }).Statement);
}
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const resourcesOf = (s: Statement) => (Array.isArray(s.Resource) ? s.Resource : [s.Resource]);
const grantsAction = (f: AssistantFunction, action: string) =>
  statementsOf(f).filter((s) => actionsOf(s).includes(action));

function functionsByName() {
  const f = synth.stack.functions;
  return {
    chat: f.chat,
    'zalo-webhook': f.zaloWebhook,
    'zalo-processor': f.zaloProcessor,
    'zalo-token-refresh': f.zaloTokenRefresh,
    staff: f.staff,
    integrations: f.integrations,
  };
}
type FnName = keyof ReturnType<typeof functionsByName>;
const FN_NAMES: readonly FnName[] = [
  'chat',
  'zalo-webhook',
  'zalo-processor',
  'zalo-token-refresh',
  'staff',
  'integrations',
];
const fn = (name: FnName) => functionsByName()[name];

describe('the stack', () => {
  it('is environment-agnostic: no account or region is baked into the template', () => {
    const artifact = synth.assembly.getStackByName(synth.stack.stackName);
    expect(artifact.environment.account).toBe('unknown-account');
    expect(artifact.environment.region).toBe('unknown-region');
  });

  it.each([
    'WebUrl',
    'StaffConsoleUrl',
    'ZaloWebhookUrl',
    'ApiUrl',
    'StaffUserPoolId',
    'StaffConsoleClientId',
    'ZaloSecretArn',
    'IntegrationSecretArn',
    'AlarmTopicArn',
  ])('outputs %s for the deploy guide', (name) => {
    synth.template.hasOutput(name, {});
  });
});

describe('tables', () => {
  it('has exactly one DynamoDB table per definition of functions/stores/tables.ts', () => {
    synth.template.resourceCountIs('AWS::DynamoDB::Table', TABLE_NAMES.length);
  });

  it.each(TABLE_NAMES)('%s: pk/sk, on demand, PITR, TTL, gsi1, encrypted, retained', (name) => {
    const def = TABLES[name];
    const table = resources[logicalId(synth.stack.tables.byName[name])];
    expect(table?.DeletionPolicy).toBe('Retain');
    expect(table?.UpdateReplacePolicy).toBe('Retain');
    expect(table?.Properties).toMatchObject({
      KeySchema: [
        { AttributeName: def.partitionKey, KeyType: 'HASH' },
        { AttributeName: def.sortKey, KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: { AttributeName: def.ttlAttribute, Enabled: true },
      SSESpecification: { SSEEnabled: true },
      DeletionProtectionEnabled: true,
      GlobalSecondaryIndexes: def.indexes.map((i) => ({
        IndexName: i.name,
        KeySchema: [
          { AttributeName: i.partitionKey, KeyType: 'HASH' },
          { AttributeName: i.sortKey, KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      })),
    });
  });

  it.each(TABLE_NAMES)('every Lambda finds the physical name of %s in its environment variable', (name) => {
    for (const f of synth.stack.functions.all) {
      const env = envOf(f);
      expect(env[TABLES[name].envVar]).toEqual({ Ref: logicalId(synth.stack.tables.byName[name]) });
    }
  });
});

describe('functions', () => {
  it('has the six Lambdas of the assistant, the realtime one, plus only the CDK BucketDeployment handler', () => {
    const ours = new Set(synth.stack.functions.all.map(fnId));
    const realtime = fnId(synth.stack.realtime.fn);
    expect(resources[realtime]?.Type).toBe('AWS::Lambda::Function');
    const others = Object.entries(resources)
      .filter(([id, r]) => r.Type === 'AWS::Lambda::Function' && !ours.has(id) && id !== realtime)
      .map(([id]) => id);
    expect(ours.size).toBe(6);
    expect(others).toHaveLength(1);
    expect(others[0]).toMatch(/^CustomCDKBucketDeployment/);
  });

  it.each(FN_NAMES)(
    '%s runs nodejs22.x on arm64 from its pre-built bundle, logging JSON to a log group kept 90 days',
    (name) => {
      const f = fn(name);
      const props = resources[fnId(f)]?.Properties;
      expect(props).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        LoggingConfig: {
          LogGroup: { Ref: logicalId(f.logGroup) },
          // Our JSON lines pass through; the platform's START/END/REPORT lines are not ingested.
          LogFormat: 'JSON',
          SystemLogLevel: 'WARN',
          ApplicationLogLevel: 'INFO',
        },
        Environment: { Variables: { STAFF_AUTH: 'cognito', LOG_LEVEL: 'info' } },
      });
      // Parsing the source map at every cold start costs more than mapped stack traces are worth.
      expect(JSON.stringify(props?.Environment)).not.toContain('NODE_OPTIONS');
      expect(props?.MemorySize).toBeGreaterThanOrEqual(256);
      expect(resources[logicalId(f.logGroup)]?.Properties.RetentionInDays).toBe(90);
      // The code asset is the Lambda's own bundle folder, staged as built.
      const asset = f.fn.node.findChild('Code') as s3assets.Asset;
      const staged = join(synth.assembly.directory, asset.assetPath);
      expect(existsSync(join(staged, 'index.mjs'))).toBe(true);
      expect(readFileSync(join(staged, 'index.mjs'), 'utf8')).toContain('handler');
    },
  );

  it.each([
    ['zalo-webhook', 'ZALO_PROCESSOR_FUNCTION'],
    ['staff', 'ZALO_PROCESSOR_FUNCTION'],
    ['integrations', 'ZALO_PROCESSOR_FUNCTION'],
    ['zalo-webhook', 'ZALO_SECRET_ARN'],
    ['zalo-processor', 'ZALO_SECRET_ARN'],
    ['zalo-token-refresh', 'ZALO_SECRET_ARN'],
    ['integrations', 'INTEGRATION_SECRET_ARN'],
  ] as const)('%s is told %s', (name, variable) => {
    const env = envOf(fn(name));
    expect(env[variable]).toBeDefined();
  });

  it('points ZALO_PROCESSOR_FUNCTION at the processor', () => {
    const env = envOf(fn('zalo-webhook'));
    expect(env.ZALO_PROCESSOR_FUNCTION).toEqual({ Ref: fnId(fn('zalo-processor')) });
  });

  it('checks the Zalo token pair hourly (the refresher itself waits until the pair is ~20 h old)', () => {
    synth.template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      Targets: [Match.objectLike({ Arn: fnArn(fn('zalo-token-refresh')) })],
    });
  });

  it('still refreshes before the 25 h access token expires when one scheduled run is missed', () => {
    const accessTokenLifeMs = 25 * 3_600_000;
    // Worst case: the pair turns due just after a run, and the next run is lost.
    const latestRefreshMs = REFRESH_AFTER_MS + 2 * TOKEN_REFRESH_INTERVAL.toMilliseconds();
    expect(latestRefreshMs).toBeLessThan(accessTokenLifeMs);
  });
});

describe('the processor dead-letter queue', () => {
  it('sends failed asynchronous invocations, after 2 retries, to an encrypted queue', () => {
    const queueId = logicalId(synth.stack.functions.processorDeadLetters);
    synth.template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: fnId(fn('zalo-processor')) },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [queueId, 'Arn'] } } },
    });
    expect(resources[queueId]?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
  });

  it('refuses requests without TLS', () => {
    synth.template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: logicalId(synth.stack.functions.processorDeadLetters) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  it('raises an alarm to the SNS topic as soon as one message waits in it', () => {
    synth.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalId(synth.stack.functions.processorDeadLetters), 'QueueName'] },
        },
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      AlarmActions: [{ Ref: logicalId(synth.stack.alarms.topic) }],
    });
  });
});

describe('least privilege', () => {
  it('lets the webhook invoke the processor and nothing else', () => {
    const invokes = grantsAction(fn('zalo-webhook'), 'lambda:InvokeFunction');
    expect(invokes).toHaveLength(1);
    expect(resourcesOf(invokes[0] as Statement)).toEqual([fnArn(fn('zalo-processor'))]);
  });

  it.each([
    ['chat', false],
    ['zalo-webhook', true],
    ['zalo-processor', false],
    ['zalo-token-refresh', false],
    ['staff', true],
    ['integrations', true],
  ] as const)('%s may invoke the processor: %s', (name, allowed) => {
    const invokes = grantsAction(fn(name), 'lambda:InvokeFunction');
    expect(invokes.flatMap(resourcesOf)).toEqual(allowed ? [fnArn(fn('zalo-processor'))] : []);
  });

  it.each([
    ['chat', ['casework', 'conversations', 'registry']],
    ['zalo-webhook', ['conversations']],
    ['zalo-processor', ['casework', 'conversations', 'registry']],
    ['zalo-token-refresh', ['registry']],
    ['staff', ['casework', 'conversations', 'registry']],
    ['integrations', ['casework', 'conversations', 'registry']],
  ] as const)('%s reaches only the tables %j (and their gsi1)', (name, tables) => {
    const touched = grantsAction(fn(name), 'dynamodb:PutItem').flatMap(resourcesOf);
    const expected = tables.flatMap((t) => [tableArn(t), { 'Fn::Join': ['', [tableArn(t), '/index/gsi1']] }]);
    expect(touched).toHaveLength(expected.length);
    expect(touched).toEqual(expect.arrayContaining(expected));
  });

  it.each([
    ['chat', [], []],
    ['zalo-webhook', ['zalo'], []],
    ['zalo-processor', ['zalo'], ['zalo']],
    ['zalo-token-refresh', ['zalo'], ['zalo']],
    ['staff', [], []],
    ['integrations', ['integrationKey'], []],
  ] as const)('%s reads secrets %j and writes secrets %j', (name, reads, writes) => {
    const secretRef = (s: 'zalo' | 'integrationKey') => ({ Ref: logicalId(synth.stack.secrets[s]) });
    expect(grantsAction(fn(name), 'secretsmanager:GetSecretValue').flatMap(resourcesOf)).toEqual(
      reads.map(secretRef),
    );
    expect(grantsAction(fn(name), 'secretsmanager:PutSecretValue').flatMap(resourcesOf)).toEqual(
      writes.map(secretRef),
    );
  });

  it('grants no wildcard action or resource to any of the Lambdas, but the connections of the socket stage', () => {
    // API Gateway makes connection ids at run time: PostToConnection can only name the stage's
    // connections path, and only that one is allowed.
    const connections =
      /^\{"Fn::Join":\["",\["arn:",\{"Ref":"AWS::Partition"\},":execute-api:",\{"Ref":"AWS::Region"\},":",\{"Ref":"AWS::AccountId"\},":",\{"Ref":"\w+"\},"\/ws\/POST\/@connections\/\*"\]\]\}$/u;
    for (const f of [...synth.stack.functions.all, synth.stack.realtime.fn]) {
      for (const s of statementsOf(f)) {
        for (const action of actionsOf(s)) expect(action, `${f.node.id}: ${action}`).not.toContain('*');
        for (const resource of resourcesOf(s)) {
          const json = JSON.stringify(resource);
          if (actionsOf(s).includes('execute-api:ManageConnections')) expect(json).toMatch(connections);
          else expect(json, `${f.node.id}`).not.toMatch(/"\*"|\/\*"|:\*"/);
        }
      }
    }
  });

  it('gives no AWS-managed policy to the six Lambdas', () => {
    for (const f of synth.stack.functions.all) {
      expect(resources[logicalId(f.role)]?.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('the HTTP API', () => {
  const routeTable = [
    ['POST /api/chat', 'chat'],
    ['GET /api/chat/{sessionId}/messages', 'chat'],
    ['GET /healthz', 'chat'],
    ['$default', 'chat'],
    ['POST /zalo/webhook', 'zalo-webhook'],
    ['POST /zalo/bot/webhook', 'zalo-webhook'],
    ['ANY /api/staff/{proxy+}', 'staff'],
    ['PUT /api/integrations/{proxy+}', 'integrations'],
  ] as const;

  const httpRoutes = () =>
    Object.values(resources).filter(
      (r) =>
        r.Type === 'AWS::ApiGatewayV2::Route' &&
        (r.Properties.ApiId as { Ref?: string }).Ref === logicalId(synth.stack.httpApi.api),
    );
  function route(routeKey: string): Resource {
    const found = httpRoutes().find((r) => r.Properties.RouteKey === routeKey);
    if (!found) throw new Error(`no route ${routeKey}`);
    return found;
  }

  it('has exactly the routes of the contract, plus $default', () => {
    expect(httpRoutes()).toHaveLength(routeTable.length);
  });

  it.each(routeTable)('%s goes to the %s Lambda with payload v2', (routeKey, name) => {
    const target = route(routeKey).Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
    const integrationId = target['Fn::Join'][1][1].Ref;
    expect(resources[integrationId]?.Properties).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: fnArn(fn(name)),
      PayloadFormatVersion: '2.0',
    });
  });

  it.each(routeTable.filter(([key]) => key !== 'ANY /api/staff/{proxy+}'))(
    '%s needs no Cognito user',
    (routeKey) => {
      expect(route(routeKey).Properties.AuthorizationType).toBe('NONE');
    },
  );

  it('protects the staff routes with a JWT authorizer trusting the staff user pool and console client', () => {
    const staff = route('ANY /api/staff/{proxy+}').Properties;
    expect(staff.AuthorizationType).toBe('JWT');
    const authorizerId = (staff.AuthorizerId as { Ref: string }).Ref;
    const authorizer = resources[authorizerId]?.Properties;
    expect(authorizer).toMatchObject({
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: { Audience: [{ Ref: logicalId(synth.stack.staffAuth.consoleClient) }] },
    });
    expect(JSON.stringify(authorizer?.JwtConfiguration)).toContain(logicalId(synth.stack.staffAuth.userPool));
  });

  it('throttles and access-logs the default stage without logging raw paths', () => {
    const stage =
      Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Stage')?.Properties ?? {};
    expect(stage).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    const format = (stage.AccessLogSettings as { Format: string }).Format;
    expect(JSON.parse(format)).toMatchObject({
      requestId: '$context.requestId',
      route: '$context.routeKey',
      status: '$context.status',
    });
    expect(format).not.toContain('$context.path');
  });

  it('has no API-wide CORS: only the chat Lambda answers it, for configured origins (none by default)', () => {
    const api = Object.values(resources).find((r) => r.Type === 'AWS::ApiGatewayV2::Api')?.Properties;
    expect(api?.ProtocolType).toBe('HTTP');
    expect(api?.CorsConfiguration).toBeUndefined();
    expect(envOf(synth.stack.functions.chat).CORS_ALLOWED_ORIGINS).toBeUndefined();
  });
});

describe('staff sign-in', () => {
  it('is a user pool with admin-created accounts, a strong password, TOTP MFA and threat protection', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      Policies: {
        PasswordPolicy: Match.objectLike({
          MinimumLength: 12,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
        }),
      },
    });
  });

  it('lets the console sign in with the code flow and no client secret, back to /staff/', () => {
    synth.template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [Match.objectLike({ 'Fn::Join': Match.arrayWith([Match.arrayWith(['/staff/'])]) })],
    });
  });
});

describe('the staff console sign-in, end to end in the template', () => {
  /** A CloudFormation value written as text: `Fn::Join`s joined, `Ref`/`Fn::GetAtt` as `${…}`. */
  function render(value: unknown): string {
    if (typeof value === 'string') return value;
    const v = value as Record<string, unknown>;
    if (v.Ref) return `\${${String(v.Ref)}}`;
    if (v['Fn::GetAtt']) return `\${${(v['Fn::GetAtt'] as string[]).join('.')}}`;
    if (v['Fn::Join']) {
      const [separator, parts] = v['Fn::Join'] as [string, unknown[]];
      return parts.map(render).join(separator);
    }
    throw new Error(`cannot render ${JSON.stringify(value)}`);
  }

  /** /config.json as CloudFront will serve it, with the deploy-time values rendered as `${…}`. */
  function publishedConfig() {
    const deployment = Object.values(resources).find((r) => r.Type === 'Custom::CDKBucketDeployment')
      ?.Properties as { SourceObjectKeys: string[]; SourceMarkers: Record<string, unknown>[] };
    const index = deployment.SourceObjectKeys.findIndex((key) =>
      existsSync(join(synth.assembly.directory, `asset.${key.replace(/\.zip$/, '')}`, 'config.json')),
    );
    expect(index, 'the config.json source').toBeGreaterThanOrEqual(0);
    const key = (deployment.SourceObjectKeys[index] ?? '').replace(/\.zip$/, '');
    let raw = readFileSync(join(synth.assembly.directory, `asset.${key}`, 'config.json'), 'utf8');
    for (const [marker, value] of Object.entries(deployment.SourceMarkers[index] ?? {}))
      raw = raw.split(marker).join(render(value));
    return JSON.parse(raw) as {
      apiBase: string;
      staffAuth: {
        type: string;
        clientId: string;
        signInDomain: string;
        redirectUri: string;
        scopes: string[];
      };
    };
  }

  const client = () => resource(logicalId(synth.stack.staffAuth.consoleClient)).Properties;
  const consoleUrl = () => render(synth.template.toJSON().Outputs.StaffConsoleUrl.Value);

  it('the console lives at https://<distribution>/staff/', () => {
    expect(consoleUrl()).toBe(`https://\${${logicalId(synth.stack.web.distribution)}.DomainName}/staff/`);
  });

  it.each(['CallbackURLs', 'LogoutURLs'])('the app client allows exactly the console URL as %s', (key) => {
    expect((client()[key] as unknown[]).map(render)).toEqual([consoleUrl()]);
  });

  it('config.json sends the console back to that same URL, with this client and its domain', () => {
    const { apiBase, staffAuth } = publishedConfig();
    expect(apiBase).toBe('');
    expect(staffAuth).toMatchObject({
      type: 'cognito',
      redirectUri: consoleUrl(),
      clientId: `\${${logicalId(synth.stack.staffAuth.consoleClient)}}`,
      signInDomain: `https://\${${logicalId(synth.stack.staffAuth.domain)}}.auth.\${AWS::Region}.amazoncognito.com`,
    });
    expect(client().AllowedOAuthScopes).toEqual(expect.arrayContaining(staffAuth.scopes));
  });
});

describe('secrets', () => {
  it('holds the Zalo credentials as one JSON secret with every field the Lambdas parse', () => {
    const secret = resources[logicalId(synth.stack.secrets.zalo)]?.Properties;
    expect(Object.keys(JSON.parse(secret?.SecretString as string)).sort()).toEqual(
      [...ZALO_SECRET_FIELDS].sort(),
    );
  });

  it('generates the origin secret CloudFront sends to the API, and gives it to the chat Lambda only', () => {
    const id = logicalId(synth.stack.secrets.originVerify);
    const secret = resources[id]?.Properties;
    expect(secret?.SecretString).toBeUndefined();
    expect(secret?.GenerateSecretString).toMatchObject({ ExcludePunctuation: true });
    // A CloudFormation dynamic reference to the secret, resolved at deployment.
    const reference = JSON.stringify(envOf(synth.stack.functions.chat).ORIGIN_VERIFY_SECRET);
    expect(reference).toContain('{{resolve:secretsmanager:');
    expect(reference).toContain(id);
    for (const f of [
      synth.stack.functions.staff,
      synth.stack.functions.integrations,
      synth.stack.functions.zaloWebhook,
    ])
      expect(envOf(f).ORIGIN_VERIFY_SECRET).toBeUndefined();
  });

  it('samples the chat Lambda’s per-address counter as the benchmark does', () => {
    expect(envOf(synth.stack.functions.chat).RATE_LIMIT_ADDRESS_SAMPLING).toBe(
      String(ADDRESS_LIMIT_SAMPLING_IN_AWS),
    );
    expect(ADDRESS_LIMIT_SAMPLING_IN_AWS).toBeGreaterThan(1);
  });

  it('generates the integration key instead of writing it in the template', () => {
    const secret = resources[logicalId(synth.stack.secrets.integrationKey)]?.Properties;
    expect(secret?.SecretString).toBeUndefined();
    expect(secret?.GenerateSecretString).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
  });
});

describe('web hosting', () => {
  it.each(['siteBucket', 'logBucket'] as const)(
    '%s blocks public access, requires TLS and encrypts',
    (name) => {
      const id = logicalId(synth.stack.web[name]);
      expect(resources[id]?.Properties).toMatchObject({
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
      });
      synth.template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: id },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      });
    },
  );

  it('serves the site through CloudFront with origin access control and logs', () => {
    synth.template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    synth.template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        Logging: Match.objectLike({ Prefix: 'cloudfront/' }),
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https' }),
      }),
    });
  });

  it.each(['/api/*', '/zalo/*', '/healthz'])('forwards %s to the API, uncached, over HTTPS only', (path) => {
    const dist = Object.values(resources).find((r) => r.Type === 'AWS::CloudFront::Distribution')?.Properties
      .DistributionConfig as {
      CacheBehaviors: Record<string, unknown>[];
      Origins: { Id: string; CustomOriginConfig?: unknown }[];
    };
    const behavior = dist.CacheBehaviors.find((b) => b.PathPattern === path);
    expect(behavior).toMatchObject({
      ViewerProtocolPolicy: 'https-only',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: 'b689b0a8-53d0-40ab-baf2-68738e2966ac', // Managed-AllViewerExceptHostHeader
    });
    const origin = dist.Origins.find((o) => o.Id === behavior?.TargetOriginId) as
      | { CustomOriginConfig?: unknown; OriginCustomHeaders?: { HeaderName: string; HeaderValue: unknown }[] }
      | undefined;
    expect(origin?.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only' });
    // The proof that a request came through CloudFront: the origin secret, never written in clear.
    const proof = origin?.OriginCustomHeaders?.find((h) => h.HeaderName === ORIGIN_VERIFY_HEADER);
    expect(JSON.stringify(proof?.HeaderValue)).toContain('{{resolve:secretsmanager:');
    expect(JSON.stringify(proof?.HeaderValue)).toContain(logicalId(synth.stack.secrets.originVerify));
  });

  it('sends a Content-Security-Policy with the pages: own-origin scripts; the console never framed', () => {
    const policies = Object.values(resources)
      .filter((r) => r.Type === 'AWS::CloudFront::ResponseHeadersPolicy')
      .map((r) => r.Properties.ResponseHeadersPolicyConfig as Record<string, any>);
    const csp = (p: Record<string, any>) =>
      JSON.stringify(p.SecurityHeadersConfig?.ContentSecurityPolicy?.ContentSecurityPolicy ?? '');
    expect(policies).toHaveLength(2);
    for (const p of policies) {
      expect(p.SecurityHeadersConfig.ContentSecurityPolicy.Override).toBe(true);
      expect(csp(p)).toContain("script-src 'self'");
      expect(csp(p)).toContain("style-src 'self'");
      expect(csp(p)).toContain("object-src 'none'");
    }
    const console = policies.find((p) => p.SecurityHeadersConfig.FrameOptions?.FrameOption === 'DENY');
    expect(csp(console ?? {})).toContain("frame-ancestors 'none'");
    expect(csp(console ?? {})).toContain('amazoncognito.com');
    const citizen = policies.find((p) => p !== console);
    expect(csp(citizen ?? {})).toContain('frame-ancestors *');
    expect(csp(citizen ?? {})).toContain("connect-src 'self';");
  });

  it('publishes web/ and a config.json naming the staff sign-in client', () => {
    const deployment = Object.values(resources).find(
      (r) => r.Type === 'Custom::CDKBucketDeployment',
    )?.Properties;
    expect(deployment?.SourceObjectKeys).toHaveLength(2);
    expect(deployment?.DistributionPaths).toEqual(['/*']);
    const markers = JSON.stringify(deployment?.SourceMarkers);
    expect(markers).toContain(logicalId(synth.stack.staffAuth.consoleClient));
    expect(markers).toContain(logicalId(synth.stack.staffAuth.userPool));
  });
});

describe('alarms', () => {
  const alarms = () =>
    Object.values(resources)
      .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
      .map((r) => r.Properties);

  it.each(['Errors', 'Throttles'])('watches %s of each of the six Lambdas', (metric) => {
    for (const f of synth.stack.functions.all) {
      const match = alarms().find(
        (a) =>
          a.MetricName === metric &&
          JSON.stringify(a.Dimensions) ===
            JSON.stringify([{ Name: 'FunctionName', Value: { Ref: fnId(f) } }]),
      );
      expect(match, `${metric} alarm of ${f.node.id}`).toMatchObject({
        Threshold: 1,
        AlarmActions: [{ Ref: logicalId(synth.stack.alarms.topic) }],
      });
    }
  });

  it('watches the API for 5xx answers', () => {
    expect(alarms().find((a) => a.MetricName === '5xx' && a.Namespace === 'AWS/ApiGateway')).toMatchObject({
      Threshold: 5,
    });
  });

  it.each(TABLE_NAMES)('watches throttling of the %s table', (name) => {
    const tableRef = JSON.stringify({ Ref: logicalId(synth.stack.tables.byName[name]) });
    expect(
      alarms().some(
        (a) =>
          JSON.stringify(a.Metrics ?? []).includes('ThrottleEvents') &&
          JSON.stringify(a.Metrics).includes(tableRef),
      ),
    ).toBe(true);
  });

  describe('on log events that need a person', () => {
    type Filter = {
      LogGroupName: unknown;
      FilterPattern: string;
      MetricTransformations: { MetricNamespace: string; MetricName: string; MetricValue: string }[];
    };
    const filters = () =>
      Object.values(resources)
        .filter((r) => r.Type === 'AWS::Logs::MetricFilter')
        .map((r) => r.Properties as unknown as Filter);
    const logGroupRef = (name: FnName) => ({ Ref: logicalId(fn(name).logGroup) });
    const pattern = (event: string) => `{ $.event = "${event}" }`;

    /** Every source file of the Zalo channel, to check the watched names are the ones logged. */
    const zaloSources = () => {
      const dir = join(ROOT, 'functions', 'channels', 'zalo');
      return readdirSync(dir)
        .filter((f) => f.endsWith('.ts'))
        .map((f) => readFileSync(join(dir, f), 'utf8'))
        .join('\n');
    };

    it.each(Object.values(ZALO_LOG_EVENTS))('watches %s, an event the Zalo channel really logs', (event) => {
      expect(zaloSources()).toMatch(new RegExp(`\\blog\\.(?:debug|info|warn|error)\\(\\s*'${event}'`, 'u'));
      // The logger writes the event at the top of a JSON line, where `$.event` finds it.
      const lines: string[] = [];
      createLogger('info', {}, (line) => lines.push(line)).error(event, { code: -14014 });
      expect(JSON.parse(lines[0] ?? '{}')).toMatchObject({ event });
    });

    it.each([
      [ZALO_LOG_EVENTS.reauthorizationRequired, ['zalo-processor', 'zalo-token-refresh']],
      [ZALO_LOG_EVENTS.undelivered, ['zalo-processor']],
      [ZALO_LOG_EVENTS.webhookRefused, ['zalo-webhook']],
      [ZALO_LOG_EVENTS.handoffFailed, ['zalo-webhook']],
    ] as const)('turns %s into a metric from the log groups of %j', (event, sources) => {
      const matching = filters().filter((f) => f.FilterPattern === pattern(event));
      expect(matching.map((f) => f.LogGroupName)).toEqual(sources.map(logGroupRef));
      for (const f of matching) {
        expect(f.MetricTransformations).toEqual([
          expect.objectContaining({ MetricNamespace: 'TroLyAoDichVuCong/Zalo', MetricValue: '1' }),
        ]);
      }
      // One metric per event, fed by every log group that can write it.
      expect(new Set(matching.map((f) => f.MetricTransformations[0]?.MetricName)).size).toBe(1);
    });

    const alarmOn = (event: string) => {
      const metricName = filters().find((f) => f.FilterPattern === pattern(event))?.MetricTransformations[0]
        ?.MetricName;
      expect(metricName, `metric of ${event}`).toBeDefined();
      return alarms().find((a) => a.Namespace === 'TroLyAoDichVuCong/Zalo' && a.MetricName === metricName);
    };

    it('alarms at the first zalo_reauthorization_required and says how to re-authorise the OA', () => {
      const alarm = alarmOn(ZALO_LOG_EVENTS.reauthorizationRequired);
      expect(alarm).toMatchObject({
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
        AlarmActions: [{ Ref: logicalId(synth.stack.alarms.topic) }],
      });
      expect(alarm?.AlarmDescription).toContain('npm run zalo:authorize');
      expect(alarm?.AlarmDescription).toContain('docs/zalo.md');
    });

    it(`alarms when ${ZALO_UNDELIVERED_THRESHOLD} or more Zalo messages are undelivered in an hour`, () => {
      expect(alarmOn(ZALO_LOG_EVENTS.undelivered)).toMatchObject({
        Statistic: 'Sum',
        Period: 3600,
        Threshold: ZALO_UNDELIVERED_THRESHOLD,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: [{ Ref: logicalId(synth.stack.alarms.topic) }],
      });
    });

    it(`alarms when ${ZALO_REFUSED_THRESHOLD} or more webhook events are refused in 5 minutes, and at the first failed hand-off`, () => {
      expect(alarmOn(ZALO_LOG_EVENTS.webhookRefused)).toMatchObject({
        Period: 300,
        Threshold: ZALO_REFUSED_THRESHOLD,
        AlarmActions: [{ Ref: logicalId(synth.stack.alarms.topic) }],
      });
      expect(alarmOn(ZALO_LOG_EVENTS.webhookRefused)?.AlarmDescription).toContain('ZALO_OA_SECRET_KEY');
      expect(alarmOn(ZALO_LOG_EVENTS.handoffFailed)).toMatchObject({
        Period: 300,
        Threshold: 1,
        AlarmActions: [{ Ref: logicalId(synth.stack.alarms.topic) }],
      });
    });

    it('keeps a second stack in the same account apart: the namespace carries the stack name', async () => {
      const staging = await synthAssistant({ stackName: 'DvcStaging' });
      try {
        const namespaces = Object.values(staging.template.findResources('AWS::Logs::MetricFilter')).map(
          (r) => (r.Properties as Filter).MetricTransformations[0]?.MetricNamespace,
        );
        expect(namespaces.length).toBeGreaterThan(0);
        expect(new Set(namespaces)).toEqual(new Set(['DvcStaging/Zalo']));
      } finally {
        staging.cleanup();
      }
    }, 120_000);
  });

  it('notifies through a KMS-encrypted topic that requires TLS, with the configured e-mail subscribed', () => {
    const topicId = logicalId(synth.stack.alarms.topic);
    expect(resources[topicId]?.Properties.KmsMasterKeyId).toBeDefined();
    synth.template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
    synth.template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
      TopicArn: { Ref: topicId },
    });
    synth.template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('push to open pages (issue 17)', () => {
  const socketApiId = () => logicalId(synth.stack.realtime.api);

  it('has a WebSocket API whose frames ($default) go to the realtime Lambda, and no connect/disconnect route', () => {
    expect(resource(socketApiId()).Properties.ProtocolType).toBe('WEBSOCKET');
    const routes = Object.values(resources).filter(
      (r) =>
        r.Type === 'AWS::ApiGatewayV2::Route' &&
        (r.Properties.ApiId as { Ref?: string }).Ref === socketApiId(),
    );
    // Connections are accepted without a $connect route; a disconnect needs nothing (items expire).
    expect(routes.map((r) => r.Properties.RouteKey).sort()).toEqual(['$default']);
    for (const r of routes) {
      const target = r.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] };
      const integration = resources[target['Fn::Join'][1][1].Ref]?.Properties;
      expect(integration?.IntegrationType).toBe('AWS_PROXY');
      expect(JSON.stringify(integration?.IntegrationUri)).toContain(fnId(synth.stack.realtime.fn));
    }
  });

  it('serves the stage named after the pages’ socket path, throttled, with access logs', () => {
    const stage = Object.values(resources).find(
      (r) =>
        r.Type === 'AWS::ApiGatewayV2::Stage' &&
        (r.Properties.ApiId as { Ref?: string }).Ref === socketApiId(),
    );
    expect(stage?.Properties.StageName).toBe('ws');
    expect(stage?.Properties.AccessLogSettings).toBeDefined();
    expect(stage?.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: expect.any(Number),
      ThrottlingBurstLimit: expect.any(Number),
    });
  });

  it.each([
    ['chat', true],
    ['staff', true],
    ['integrations', true],
    ['zalo-processor', true],
    ['zalo-webhook', false],
    ['zalo-token-refresh', false],
  ] as const)('%s may push to connections (and is told where): %s', (name, pushes) => {
    expect(grantsAction(fn(name), 'execute-api:ManageConnections').length > 0).toBe(pushes);
    expect(envOf(fn(name)).REALTIME_ENDPOINT !== undefined).toBe(pushes);
  });

  it('lets the realtime Lambda touch the conversations table only', () => {
    const tablesTouched = statementsOf(synth.stack.realtime.fn)
      .filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')))
      .flatMap(resourcesOf)
      .map((r) => JSON.stringify(r));
    expect(tablesTouched).toContain(JSON.stringify(tableArn('conversations')));
    expect(tablesTouched).not.toContain(JSON.stringify(tableArn('casework')));
    expect(tablesTouched).not.toContain(JSON.stringify(tableArn('registry')));
  });

  it('routes /ws on the pages’ own origin through CloudFront, uncached', () => {
    const distribution = Object.values(resources).find((r) => r.Type === 'AWS::CloudFront::Distribution');
    const config = distribution?.Properties.DistributionConfig as {
      CacheBehaviors: { PathPattern: string; CachePolicyId: string; TargetOriginId: string }[];
    };
    const ws = config.CacheBehaviors.find((b) => b.PathPattern === '/ws');
    expect(ws).toBeDefined();
    // CachingDisabled, the managed policy.
    expect(ws?.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
  });
});

describe('operations dashboard (issue 17)', () => {
  const body = () => {
    const dashboards = Object.values(resources).filter((r) => r.Type === 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    return JSON.stringify(dashboards[0]?.Properties.DashboardBody);
  };

  it.each(METRIC_NAMES)('shows the %s metric of the functions’ EMF records', (name) => {
    expect(body()).toContain(`${METRICS_NAMESPACE}\\",\\"${name}\\"`);
  });

  it('shows the errors of every Lambda, the realtime one included', () => {
    for (const f of [...synth.stack.functions.all, synth.stack.realtime.fn])
      expect(body()).toContain(fnId(f));
  });
});
