import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactionCanceledException,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dynamoClient } from '../../../functions/app/dynamo';
import { DynamoServiceError } from '../../../functions/app/dynamo-direct';
import { signJsonPost } from '../../../functions/app/sigv4';
import { readConfig } from '../../../functions/config/config';
import {
  type ScriptedAnswer,
  type SeenRequest,
  startFakeDynamoEndpoint,
} from '../../support/fake-dynamo-endpoint';

/** A stand-in for DynamoDB's JSON endpoint: records each request and answers from a script. */
let fake: Awaited<ReturnType<typeof startFakeDynamoEndpoint>>;
let endpoint: string;
let seen: SeenRequest[];
let script: ScriptedAnswer[];
beforeAll(async () => {
  fake = await startFakeDynamoEndpoint();
  ({ endpoint, seen, script } = fake);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const client = () => dynamoClient(readConfig({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: endpoint }));

describe('SigV4 for a DynamoDB JSON request', () => {
  it.each([
    ['long-lived keys', undefined],
    ['temporary credentials (a Lambda role)', 'session-token-value'],
  ])('signs exactly as the SDK’s signer does, with %s', async (_name, sessionToken) => {
    const credentials = {
      accessKeyId: 'AKIDEXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
      sessionToken,
    };
    const at = new Date(Date.UTC(2026, 11, 6, 4, 5, 6));
    const body = '{"TableName":"t","Key":{"pk":{"S":"chào"}}}';
    const ours = signJsonPost(
      {
        host: 'dynamodb.ap-southeast-1.amazonaws.com',
        region: 'ap-southeast-1',
        service: 'dynamodb',
        target: 'DynamoDB_20120810.GetItem',
        contentType: 'application/x-amz-json-1.0',
        body,
        at,
      },
      credentials,
    );
    // The signer the SDK itself would use for this client (same credentials and region).
    const sdkClient = new DynamoDBClient({ region: 'ap-southeast-1', credentials });
    const signer = (await (sdkClient.config.signer as () => Promise<unknown>)()) as {
      sign(request: object, options: { signingDate: Date }): Promise<{ headers: Record<string, string> }>;
    };
    const sdk = await signer.sign(
      {
        method: 'POST',
        protocol: 'https:',
        hostname: 'dynamodb.ap-southeast-1.amazonaws.com',
        path: '/',
        query: {},
        headers: {
          host: 'dynamodb.ap-southeast-1.amazonaws.com',
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.GetItem',
        },
        body,
      },
      { signingDate: at },
    );
    expect(ours.authorization).toBe(sdk.headers.authorization);
    expect(ours['x-amz-date']).toBe(sdk.headers['x-amz-date']);
    expect(ours['x-amz-security-token']).toBe(sdk.headers['x-amz-security-token']);
  });
});

describe('the stores’ item requests, sent without the SDK’s middleware', () => {
  const throttled = {
    __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    message: 'slow down',
  };

  it('sends the command’s input as the wire JSON and returns the SDK’s output shape, bytes included', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255]);
    script.push(
      { status: 200, body: {} },
      {
        status: 200,
        body: { Item: { pk: { S: 'a' }, blob: { B: Buffer.from(bytes).toString('base64') }, n: { N: '7' } } },
      },
    );
    const c = client();
    const item = {
      pk: { S: 'a' },
      blob: { B: bytes },
      tag: { BS: [bytes] },
      nested: { M: { packed: { B: Buffer.from([1, 2]) } } },
    };
    await c.send(new PutItemCommand({ TableName: 't', Item: item }));
    const out = await c.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
    expect(seen.map((s) => s.target)).toEqual(['DynamoDB_20120810.PutItem', 'DynamoDB_20120810.GetItem']);
    expect(seen[0]?.body).toEqual({
      TableName: 't',
      Item: {
        pk: { S: 'a' },
        blob: { B: 'AAEC+v8=' },
        tag: { BS: ['AAEC+v8='] },
        nested: { M: { packed: { B: 'AQI=' } } },
      },
    });
    // The caller's input is left as it was: bytes, not their base64.
    expect(item.nested.M.packed.B).toBeInstanceOf(Uint8Array);
    expect(seen[0]?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/local\/dynamodb\/aws4_request, /u,
    );
    // Not the SDK's HTTP handler (which sends its user agent): the direct path was taken.
    expect(seen[0]?.userAgent).toBeUndefined();
    expect(out.Item?.blob?.B).toEqual(bytes);
    expect(out.Item?.n).toEqual({ N: '7' });
    expect(out.$metadata).toMatchObject({ httpStatusCode: 200, requestId: 'req-1', attempts: 1 });
  });

  it('retries throttling and server errors up to the client’s attempts, then answers', async () => {
    script.push(
      { status: 400, body: throttled },
      {
        status: 500,
        body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'oops' },
      },
      { status: 200, body: { Item: { pk: { S: 'a' } } } },
    );
    const out = await client().send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
    expect(seen).toHaveLength(3);
    expect(out.$metadata.attempts).toBe(3);
    expect(out.Item).toEqual({ pk: { S: 'a' } });
  });

  it('gives up after the client’s attempts with the service’s error', async () => {
    script.push(
      { status: 400, body: throttled },
      { status: 400, body: throttled },
      { status: 400, body: throttled },
      { status: 200, body: {} },
    );
    await expect(
      client().send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } })),
    ).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      message: 'slow down',
    });
    expect(seen).toHaveLength(3);
  });

  it('does not retry a failed condition, and throws an error named as the SDK names it, with its fields', async () => {
    script.push(
      {
        status: 400,
        body: {
          __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
          message: 'The conditional request failed',
        },
      },
      {
        status: 400,
        body: {
          __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException',
          message: 'Transaction cancelled',
          CancellationReasons: [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'failed' }],
        },
      },
    );
    const c = client();
    const put = c.send(
      new PutItemCommand({
        TableName: 't',
        Item: { pk: { S: 'a' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
    // Named as the SDK's exception (the stores recognise it by name), with the SDK's fault and metadata.
    await expect(put).rejects.toMatchObject({
      name: 'ConditionalCheckFailedException',
      message: 'The conditional request failed',
      $fault: 'client',
      $metadata: { httpStatusCode: 400, requestId: 'req-1', attempts: 1 },
    });
    await expect(put).rejects.toBeInstanceOf(DynamoServiceError);
    // Code that still checks the SDK's class keeps working: its `instanceof` goes by name and fault.
    await expect(put).rejects.toBeInstanceOf(ConditionalCheckFailedException);
    const write = c.send(
      new TransactWriteItemsCommand({
        TransactItems: [{ Put: { TableName: 't', Item: { pk: { S: 'a' } } } }],
      }),
    );
    const error = await write.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionCanceledException);
    expect((error as TransactionCanceledException).CancellationReasons?.[1]?.Code).toBe(
      'ConditionalCheckFailed',
    );
    expect(seen).toHaveLength(2);
    // A transaction carries an idempotency token, as the SDK adds one: a retry cannot apply it twice.
    expect(seen[1]?.body.ClientRequestToken).toEqual(expect.any(String));
  });

  it('leaves control-plane commands, and any client whose middleware was changed, to the SDK', async () => {
    script.push({ status: 200, body: { TableNames: ['t'] } }, { status: 200, body: {} });
    const c = client();
    const tables = await c.send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual(['t']);
    c.middlewareStack.add((next) => (args) => next(args), { step: 'initialize', name: 'testProbe' });
    await c.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
    expect(seen.map((s) => s.userAgent)).toEqual([
      expect.stringContaining('aws-sdk-js'),
      expect.stringContaining('aws-sdk-js'),
    ]);
  });

  it('goes through the SDK for every request when DYNAMODB_REQUESTS=sdk (the off switch)', async () => {
    script.push({ status: 200, body: {} });
    const c = dynamoClient(
      readConfig({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: endpoint, DYNAMODB_REQUESTS: 'sdk' }),
    );
    await c.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
    expect(seen.map((s) => s.userAgent)).toEqual([expect.stringContaining('aws-sdk-js')]);
  });
});
