import * as sdk from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DynamoServiceError, directRequests } from '../../../functions/app/dynamo-direct';
import type { DynamoSdk } from '../../../functions/app/dynamo-sdk';
import { dynamoPathOf, type Env, lambdaDynamoRequests } from '../../../functions/app/lambda-dynamo';
import { readConfig } from '../../../functions/config/config';
import { fixedClock } from '../../../functions/shared/clock';
import { DynamoTable } from '../../../functions/stores/dynamo/dynamo-table';
import { ConditionFailedError } from '../../../functions/stores/table-port';
import { startFakeDynamoEndpoint } from '../../support/fake-dynamo-endpoint';

/** What Lambda puts in a function's environment for its execution role. */
const ROLE_ENV: Env = {
  AWS_ACCESS_KEY_ID: 'ASIAEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
  AWS_SESSION_TOKEN: 'role-session-token',
};
/** The direct sender to a local endpoint (the fake one), with the local store's fixed keys. */
const localDirect = (url: string | URL, maxAttempts = 2) =>
  directRequests({
    url: new URL(url),
    region: 'local',
    credentials: () => ({ accessKeyId: 'local', secretAccessKey: 'local' }),
    maxAttempts,
  });

const inAws = (region = 'ap-southeast-1', env: Record<string, string> = {}) =>
  dynamoPathOf(readConfig({ AWS_REGION: region }), { ...ROLE_ENV, ...env });

describe('how a Lambda reaches DynamoDB, from its environment alone', () => {
  it('goes to the region’s endpoint, signed with the execution role’s keys from the environment', async () => {
    const path = inAws('ap-southeast-1');
    if (!('direct' in path)) throw new Error(`expected the direct path, got: ${path.sdk}`);
    expect(path.direct.url.href).toBe('https://dynamodb.ap-southeast-1.amazonaws.com/');
    expect(path.direct.region).toBe('ap-southeast-1');
    expect(path.direct.maxAttempts).toBe(3);
    expect(await path.direct.credentials()).toEqual({
      accessKeyId: 'ASIAEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      sessionToken: 'role-session-token',
    });
  });

  it.each([
    ['cn-north-1', 'https://dynamodb.cn-north-1.amazonaws.com.cn/'],
    ['us-gov-west-1', 'https://dynamodb.us-gov-west-1.amazonaws.com/'],
    ['eu-central-2', 'https://dynamodb.eu-central-2.amazonaws.com/'],
  ])('knows the endpoint of %s', (region, url) => {
    const path = inAws(region);
    expect('direct' in path && path.direct.url.href).toBe(url);
  });

  it('signs without a session token when the environment has long-lived keys', async () => {
    const path = dynamoPathOf(readConfig({ AWS_REGION: 'ap-southeast-1' }), {
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'secret',
      AWS_SESSION_TOKEN: '',
    });
    expect('direct' in path && (await path.direct.credentials())).toEqual({
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'secret',
    });
  });

  it('goes to DYNAMODB_ENDPOINT with the fixed local keys, whatever keys the environment has', async () => {
    const config = readConfig({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567' });
    const path = dynamoPathOf(config, ROLE_ENV);
    if (!('direct' in path)) throw new Error(`expected the direct path, got: ${path.sdk}`);
    expect(path.direct.url.href).toBe('http://127.0.0.1:4567/');
    expect(path.direct.region).toBe('local');
    expect(await path.direct.credentials()).toEqual({ accessKeyId: 'local', secretAccessKey: 'local' });
  });

  it('still goes directly when a switch is set to false', () => {
    expect('direct' in inAws('ap-southeast-1', { AWS_USE_FIPS_ENDPOINT: 'false' })).toBe(true);
  });

  it.each([
    ['the off switch', { DYNAMODB_REQUESTS: 'sdk' }, ROLE_ENV, /DYNAMODB_REQUESTS=sdk/],
    ['no keys in the environment', {}, {}, /no credentials/],
    ['a secret without its key id', {}, { AWS_SECRET_ACCESS_KEY: 'secret' }, /no credentials/],
    ['FIPS endpoints', {}, { ...ROLE_ENV, AWS_USE_FIPS_ENDPOINT: 'true' }, /AWS_USE_FIPS_ENDPOINT/],
    ['dual-stack endpoints', {}, { ...ROLE_ENV, AWS_USE_DUALSTACK_ENDPOINT: 'true' }, /DUALSTACK/],
    [
      'an endpoint from the environment',
      {},
      { ...ROLE_ENV, AWS_ENDPOINT_URL_DYNAMODB: 'https://proxy.example' },
      /AWS_ENDPOINT_URL_DYNAMODB/,
    ],
    ['a named profile', {}, { ...ROLE_ENV, AWS_PROFILE: 'ops' }, /AWS_PROFILE/],
    ['an isolated partition', { AWS_REGION: 'us-iso-east-1' }, ROLE_ENV, /us-iso-east-1/],
    [
      'a local endpoint below a path',
      { DYNAMODB_ENDPOINT: 'http://127.0.0.1:4567/dynamo' },
      {},
      /not a plain http\(s\) origin/,
    ],
  ])('leaves %s to the SDK', (_case, configEnv: Record<string, string>, env: Env, reason) => {
    const path = dynamoPathOf(readConfig({ AWS_REGION: 'ap-southeast-1', ...configEnv }), env);
    expect('sdk' in path && path.sdk).toMatch(reason);
  });
});

describe('the Lambdas’ requests', () => {
  let fake: Awaited<ReturnType<typeof startFakeDynamoEndpoint>>;
  beforeAll(async () => {
    fake = await startFakeDynamoEndpoint();
  });
  afterAll(() => fake.close());
  beforeEach(() => fake.reset());

  /** The SDK as the runtime would give it, counting how often it is loaded. */
  const countingLoader = () => {
    const loader = {
      loads: 0,
      load: async (): Promise<DynamoSdk> => {
        loader.loads++;
        return sdk;
      },
    };
    return loader;
  };

  it('send directly without loading the SDK', async () => {
    const loader = countingLoader();
    const reasons: string[] = [];
    const requests = lambdaDynamoRequests(
      readConfig({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: fake.endpoint }),
      { env: ROLE_ENV, loadSdk: loader.load, onSdkPath: (reason) => reasons.push(reason) },
    );
    fake.script.push({ status: 200, body: { Item: { pk: { S: 'a' } } } });
    const out = await requests.send('GetItem', { TableName: 't', Key: { pk: { S: 'a' } } });
    requests.destroy?.();
    expect(out.Item).toEqual({ pk: { S: 'a' } });
    expect(loader.loads).toBe(0);
    expect(reasons).toEqual([]);
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0]?.userAgent).toBeUndefined();
    expect(fake.seen[0]?.authorization).toMatch(/Credential=local\/\d{8}\/local\/dynamodb\//u);
  });

  it('load the SDK on the first request only, when the path is the SDK’s, and send through it', async () => {
    const loader = countingLoader();
    const reasons: string[] = [];
    const requests = lambdaDynamoRequests(
      readConfig({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: fake.endpoint, DYNAMODB_REQUESTS: 'sdk' }),
      { env: ROLE_ENV, loadSdk: loader.load, onSdkPath: (reason) => reasons.push(reason) },
    );
    // Said once, at creation, for the logs; nothing loaded yet.
    expect(reasons).toEqual(['DYNAMODB_REQUESTS=sdk']);
    expect(loader.loads).toBe(0);
    await Promise.all([
      requests.send('GetItem', { TableName: 't', Key: { pk: { S: 'a' } } }),
      requests.send('PutItem', { TableName: 't', Item: { pk: { S: 'b' } } }),
    ]);
    await requests.send('DeleteItem', { TableName: 't', Key: { pk: { S: 'b' } } });
    requests.destroy?.();
    expect(loader.loads).toBe(1);
    expect(fake.seen.map((s) => s.target)).toEqual([
      'DynamoDB_20120810.GetItem',
      'DynamoDB_20120810.PutItem',
      'DynamoDB_20120810.DeleteItem',
    ]);
    expect(fake.seen.map((s) => s.userAgent)).toEqual(Array(3).fill(expect.stringContaining('aws-sdk-js')));
  });

  it('try loading the SDK again on the next request when loading it failed', async () => {
    let loads = 0;
    const requests = lambdaDynamoRequests(
      readConfig({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: fake.endpoint, DYNAMODB_REQUESTS: 'sdk' }),
      {
        env: ROLE_ENV,
        loadSdk: async () => {
          loads++;
          if (loads === 1) throw new Error('Cannot find package @aws-sdk/client-dynamodb');
          return sdk;
        },
      },
    );
    const get = () => requests.send('GetItem', { TableName: 't', Key: { pk: { S: 'a' } } });
    await expect(get()).rejects.toThrow(/Cannot find package/);
    expect(fake.seen).toHaveLength(0);
    await get();
    requests.destroy?.();
    expect(loads).toBe(2);
    expect(fake.seen).toHaveLength(1);
  });
});

describe('the direct sender’s errors, as the table adapter sees them', () => {
  let fake: Awaited<ReturnType<typeof startFakeDynamoEndpoint>>;
  let requests: ReturnType<typeof directRequests>;
  beforeAll(async () => {
    fake = await startFakeDynamoEndpoint();
    requests = localDirect(fake.endpoint);
  });
  afterAll(async () => {
    requests.destroy();
    await fake.close();
  });
  beforeEach(() => fake.reset());

  it('turn a failed condition into the stores’ ConditionFailedError, without a retry', async () => {
    fake.script.push({
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
      },
    });
    const table = new DynamoTable(requests, 't', fixedClock(new Date('2026-11-24T02:00:00Z')));
    await expect(table.put({ pk: 'a', sk: 'b' }, { ifNotExists: true })).rejects.toBeInstanceOf(
      ConditionFailedError,
    );
    expect(fake.seen).toHaveLength(1);
  });

  it('name a server’s failure that is not DynamoDB’s JSON by its status, after the retries', async () => {
    fake.script.push(
      { status: 503, body: 'upstream unavailable' },
      { status: 503, body: 'upstream unavailable' },
    );
    const error = await requests.send('GetItem', { TableName: 't', Key: { pk: { S: 'a' } } }).catch((e) => e);
    expect(error).toBeInstanceOf(DynamoServiceError);
    expect(error).toMatchObject({
      name: 'InternalServerError',
      $fault: 'server',
      $metadata: { httpStatusCode: 503, attempts: 2 },
    });
    expect(fake.seen).toHaveLength(2);
  });

  it('keep the fields of DynamoDB’s error body (a cancelled transaction’s reasons)', async () => {
    fake.script.push({
      status: 400,
      body: {
        __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
        Message: 'Transaction cancelled',
        CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
      },
    });
    const error = await requests
      .send('TransactWriteItems', { TransactItems: [{ Put: { TableName: 't', Item: { pk: { S: 'a' } } } }] })
      .catch((e) => e);
    expect(error).toMatchObject({
      name: 'TransactionCanceledException',
      message: 'Transaction cancelled',
      CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed' }],
    });
    expect(fake.seen[0]?.body.ClientRequestToken).toEqual(expect.any(String));
  });
});

describe('opening the connection ahead of the first request (Lambda init)', () => {
  it('leaves one kept-alive connection that the first request then uses', async () => {
    const fake = await startFakeDynamoEndpoint();
    const requests = localDirect(fake.endpoint);
    try {
      await requests.connect();
      expect(fake.connections()).toBe(1);
      // Unsigned: it asks nothing of DynamoDB but its health line.
      expect(fake.seen.map((r) => [r.target, r.authorization])).toEqual([[undefined, undefined]]);
      await requests.send('GetItem', { TableName: 't', Key: { pk: { S: 'a' } } });
      expect(fake.seen.map((r) => r.target)).toEqual([undefined, 'DynamoDB_20120810.GetItem']);
      expect(fake.connections()).toBe(1);
    } finally {
      requests.destroy();
      await fake.close();
    }
  });

  it('never fails, even with nothing listening', async () => {
    const fake = await startFakeDynamoEndpoint();
    const url = new URL(fake.endpoint);
    await fake.close();
    const requests = localDirect(url, 1);
    await expect(requests.connect()).resolves.toBeUndefined();
    requests.destroy();
  });
});
