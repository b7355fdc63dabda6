import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { signJsonPost } from '../../../functions/app/sigv4';
import { readConfig } from '../../../functions/config/config';

interface Seen {
  target: string | undefined;
  userAgent: string | undefined;
  authorization: string | undefined;
  body: Record<string, unknown>;
}
type Answer = { status: number; body: unknown };

/** A stand-in for DynamoDB's JSON endpoint: records each request and answers from a script. */
let server: Server;
let endpoint: string;
let seen: Seen[] = [];
let script: Answer[] = [];
const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const text = await readBody(req);
    seen.push({
      target: req.headers['x-amz-target'] as string | undefined,
      userAgent: req.headers['user-agent'],
      authorization: req.headers.authorization,
      body: JSON.parse(text || '{}'),
    });
    const answer = script.shift() ?? { status: 200, body: {} };
    res.writeHead(answer.status, {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': 'req-1',
    });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));
beforeEach(() => {
  seen = [];
  script = [];
});

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
    script = [
      { status: 200, body: {} },
      {
        status: 200,
        body: { Item: { pk: { S: 'a' }, blob: { B: Buffer.from(bytes).toString('base64') }, n: { N: '7' } } },
      },
    ];
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
    script = [
      { status: 400, body: throttled },
      {
        status: 500,
        body: { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'oops' },
      },
      { status: 200, body: { Item: { pk: { S: 'a' } } } },
    ];
    const out = await client().send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
    expect(seen).toHaveLength(3);
    expect(out.$metadata.attempts).toBe(3);
    expect(out.Item).toEqual({ pk: { S: 'a' } });
  });

  it('gives up after the client’s attempts with the SDK’s own exception', async () => {
    script = [
      { status: 400, body: throttled },
      { status: 400, body: throttled },
      { status: 400, body: throttled },
      { status: 200, body: {} },
    ];
    await expect(
      client().send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } })),
    ).rejects.toMatchObject({
      name: 'ProvisionedThroughputExceededException',
      message: 'slow down',
    });
    expect(seen).toHaveLength(3);
  });

  it('does not retry a failed condition, and throws the class the stores catch, with its fields', async () => {
    script = [
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
    ];
    const c = client();
    const put = c.send(
      new PutItemCommand({
        TableName: 't',
        Item: { pk: { S: 'a' } },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
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
    script = [
      { status: 200, body: { TableNames: ['t'] } },
      { status: 200, body: {} },
    ];
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
    script = [{ status: 200, body: {} }];
    const c = dynamoClient(
      readConfig({ AWS_REGION: 'local', DYNAMODB_ENDPOINT: endpoint, DYNAMODB_REQUESTS: 'sdk' }),
    );
    await c.send(new GetItemCommand({ TableName: 't', Key: { pk: { S: 'a' } } }));
    expect(seen.map((s) => s.userAgent)).toEqual([expect.stringContaining('aws-sdk-js')]);
  });
});
