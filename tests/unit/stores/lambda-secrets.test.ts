import * as secretsSdk from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Env } from '../../../functions/app/direct-path';
import { resolveSecrets } from '../../../functions/app/secrets';
import { directSecrets, lambdaSecrets, secretsPathOf } from '../../../functions/app/secrets-port';
import { readConfig } from '../../../functions/config/config';
import { startFakeDynamoEndpoint } from '../../support/fake-dynamo-endpoint';

/** What Lambda puts in a function's environment for its execution role. */
const ROLE_ENV: Env = {
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'role-session-token',
};

describe('how a Lambda reaches Secrets Manager, from its environment alone', () => {
  it('goes to the region’s endpoint, signed with the execution role’s keys', async () => {
    const path = secretsPathOf(readConfig({ AWS_REGION: 'ap-southeast-1' }), ROLE_ENV);
    if (!('direct' in path)) throw new Error(`expected the direct path, got: ${path.sdk}`);
    expect(path.direct.url.href).toBe('https://secretsmanager.ap-southeast-1.amazonaws.com/');
    expect(path.direct.maxAttempts).toBe(3);
    expect(await path.direct.credentials()).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      sessionToken: 'role-session-token',
    });
  });

  it.each([
    ['the off switch', { DYNAMODB_REQUESTS: 'sdk' }, ROLE_ENV, /DYNAMODB_REQUESTS=sdk/],
    ['no keys in the environment', {}, {}, /no credentials/],
    ['a named profile', {}, { ...ROLE_ENV, AWS_PROFILE: 'ops' }, /AWS_PROFILE/],
    ['FIPS endpoints', {}, { ...ROLE_ENV, AWS_USE_FIPS_ENDPOINT: 'true' }, /AWS_USE_FIPS_ENDPOINT/],
    [
      'its own endpoint from the environment',
      {},
      { ...ROLE_ENV, AWS_ENDPOINT_URL_SECRETS_MANAGER: 'https://proxy.example' },
      /AWS_ENDPOINT_URL_SECRETS_MANAGER/,
    ],
  ])('leaves %s to the SDK', (_case, configEnv: Record<string, string>, env: Env, reason) => {
    const path = secretsPathOf(readConfig({ AWS_REGION: 'ap-southeast-1', ...configEnv }), env);
    expect('sdk' in path && path.sdk).toMatch(reason);
  });
});

describe('GetSecretValue and PutSecretValue, sent directly', () => {
  let fake: Awaited<ReturnType<typeof startFakeDynamoEndpoint>>;
  let secrets: ReturnType<typeof directSecrets>;
  beforeAll(async () => {
    fake = await startFakeDynamoEndpoint();
    secrets = directSecrets({
      url: new URL(fake.endpoint),
      region: 'ap-southeast-1',
      credentials: () => ({ accessKeyId: 'AKID', secretAccessKey: 'secret', sessionToken: 'token' }),
      maxAttempts: 2,
    });
  });
  afterAll(async () => {
    secrets.destroy();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('read a secret’s string with a signed JSON 1.1 request', async () => {
    fake.script.push({ status: 200, body: { ARN: 'arn:zalo', SecretString: '{"appId":"1"}' } });
    expect(await secrets.get('arn:zalo')).toBe('{"appId":"1"}');
    expect(fake.seen).toHaveLength(1);
    const [request] = fake.seen;
    expect(request?.target).toBe('secretsmanager.GetSecretValue');
    expect(request?.contentType).toBe('application/x-amz-json-1.1');
    expect(request?.body).toEqual({ SecretId: 'arn:zalo' });
    expect(request?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKID\/\d{8}\/ap-southeast-1\/secretsmanager\/aws4_request, /u,
    );
    expect(request?.securityToken).toBe('token');
    expect(request?.userAgent).toBeUndefined();
  });

  it('give nothing for a secret with only a binary value', async () => {
    fake.script.push({ status: 200, body: { ARN: 'arn:zalo', SecretBinary: 'AAEC' } });
    expect(await secrets.get('arn:zalo')).toBeUndefined();
  });

  it('store a new version with PutSecretValue', async () => {
    fake.script.push({ status: 200, body: { ARN: 'arn:zalo', VersionId: 'v2' } });
    await secrets.put('arn:zalo', '{"accessToken":"a"}');
    expect(fake.seen.map((s) => [s.target, s.body])).toEqual([
      ['secretsmanager.PutSecretValue', { SecretId: 'arn:zalo', SecretString: '{"accessToken":"a"}' }],
    ]);
  });

  it('fail with the SDK’s error name, without a retry, when the secret does not exist', async () => {
    fake.script.push({
      status: 400,
      body: {
        __type: 'ResourceNotFoundException',
        Message: "Secrets Manager can't find the specified secret.",
      },
    });
    const error = await secrets.get('arn:missing').catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ResourceNotFoundException',
      message: "Secrets Manager can't find the specified secret.",
      $fault: 'client',
    });
    expect(fake.seen).toHaveLength(1);
  });

  it('retry throttling and server errors, up to the attempts allowed', async () => {
    fake.script.push({ status: 400, body: { __type: 'ThrottlingException', message: 'Rate exceeded' } });
    fake.script.push({ status: 200, body: { SecretString: 'key' } });
    expect(await secrets.get('arn:key')).toBe('key');
    fake.reset();
    fake.script.push({ status: 500, body: { __type: 'InternalServiceError' } });
    fake.script.push({ status: 503, body: {} });
    await expect(secrets.get('arn:key')).rejects.toMatchObject({ $fault: 'server' });
    expect(fake.seen).toHaveLength(2);
  });

  it('give the cold start the integration key and the Zalo settings', async () => {
    fake.script.push({ status: 200, body: { SecretString: '  integration-key \n' } });
    fake.script.push({
      status: 200,
      body: { SecretString: JSON.stringify({ appId: '42', oaSecretKey: 'oa-key', accessToken: 'a' }) },
    });
    const config = await resolveSecrets(
      readConfig({
        AWS_REGION: 'ap-southeast-1',
        INTEGRATION_SECRET_ARN: 'arn:integration',
        ZALO_SECRET_ARN: 'arn:zalo',
      }),
      secrets,
    );
    expect(config.integrationApiKey).toBe('integration-key');
    expect(config.zalo).toMatchObject({ appId: '42', oaSecretKey: 'oa-key', accessToken: 'a' });
    expect(fake.seen.map((s) => s.body.SecretId)).toEqual(['arn:integration', 'arn:zalo']);
  });
});

describe('the SDK’s path', () => {
  const mock = mockClient(secretsSdk.SecretsManagerClient);
  afterEach(() => mock.reset());

  it('loads the SDK on the first request only and sends through it', async () => {
    mock.on(secretsSdk.GetSecretValueCommand).resolves({ SecretString: 's' });
    mock.on(secretsSdk.PutSecretValueCommand).resolves({});
    let loads = 0;
    const reasons: string[] = [];
    const secrets = lambdaSecrets(readConfig({ AWS_REGION: 'ap-southeast-1' }), {
      env: { ...ROLE_ENV, AWS_PROFILE: 'ops' },
      loadSdk: async () => {
        loads++;
        return secretsSdk;
      },
      onSdkPath: (reason) => reasons.push(reason),
    });
    expect(reasons).toEqual(['AWS_PROFILE is set']);
    expect(loads).toBe(0);
    expect(await Promise.all([secrets.get('arn:a'), secrets.get('arn:b')])).toEqual(['s', 's']);
    await secrets.put('arn:a', 'v');
    expect(loads).toBe(1);
    expect(mock.commandCalls(secretsSdk.GetSecretValueCommand).map((c) => c.args[0].input)).toEqual([
      { SecretId: 'arn:a' },
      { SecretId: 'arn:b' },
    ]);
    expect(mock.commandCalls(secretsSdk.PutSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: 'arn:a',
      SecretString: 'v',
    });
  });
});
