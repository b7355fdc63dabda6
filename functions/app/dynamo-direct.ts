import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  ConditionalCheckFailedException,
  DeleteItemCommand,
  type DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  InternalServerError,
  ItemCollectionSizeLimitExceededException,
  ProvisionedThroughputExceededException,
  PutItemCommand,
  QueryCommand,
  RequestLimitExceeded,
  ResourceNotFoundException,
  ScanCommand,
  ThrottlingException,
  TransactGetItemsCommand,
  TransactionCanceledException,
  TransactionConflictException,
  TransactWriteItemsCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { signJsonPost } from './sigv4';

/**
 * The data-plane operations the stores use, by command class (bundles are minified: class names
 * are not kept, so the operation cannot be read from `constructor.name`).
 */
const OPERATIONS = new Map<unknown, string>([
  [GetItemCommand, 'GetItem'],
  [PutItemCommand, 'PutItem'],
  [UpdateItemCommand, 'UpdateItem'],
  [DeleteItemCommand, 'DeleteItem'],
  [QueryCommand, 'Query'],
  [ScanCommand, 'Scan'],
  [BatchGetItemCommand, 'BatchGetItem'],
  [BatchWriteItemCommand, 'BatchWriteItem'],
  [TransactGetItemsCommand, 'TransactGetItems'],
  [TransactWriteItemsCommand, 'TransactWriteItems'],
]);

type ExceptionClass = new (options: {
  $metadata: ResponseMetadata;
  message: string;
  [field: string]: unknown;
}) => DynamoDBServiceException;
/** The SDK's own error classes for what the stores and their callers catch, so `instanceof` holds. */
const EXCEPTIONS = new Map<string, ExceptionClass>(
  (
    [
      ConditionalCheckFailedException,
      TransactionCanceledException,
      TransactionConflictException,
      ProvisionedThroughputExceededException,
      RequestLimitExceeded,
      ThrottlingException,
      ResourceNotFoundException,
      ItemCollectionSizeLimitExceededException,
      InternalServerError,
    ] as unknown as ExceptionClass[]
  ).map((c) => [new c({ $metadata: {}, message: '' }).name, c]),
);

/** What the SDK's standard retry strategy retries: throttling, timeouts, 5xx, dropped connections. */
const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'TooManyRequestsException',
  'LimitExceededException',
  'TransactionInProgressException',
]);
const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
/** A request that has not answered in this long is abandoned and retried (the SDK's TimeoutError). */
const REQUEST_TIMEOUT_MS = 10_000;

interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
  totalRetryDelay?: number;
}

interface Endpoint {
  url: URL;
  region: string;
  agent: HttpAgent;
  maxAttempts: number;
}

/**
 * Sends the stores' data-plane requests (GetItem, PutItem, Query…) straight over HTTP with the
 * SDK's credentials, region and endpoint, instead of through the SDK's middleware stack.
 *
 * Why: measured from outside the server, the SDK's per-request work (schema serialisation, endpoint
 * rules, user agent, retry tokens, the general SigV4 signer, its HTTP handler) was about half of a
 * web turn's server CPU. DynamoDB's JSON protocol needs none of it: the command's input already is
 * the wire JSON (binary values as base64), and so is the output. What the SDK gives callers is kept:
 * the same input and output shapes (`$metadata` included), its exception classes, and its retries
 * (throttling, timeouts, 5xx, dropped connections; up to `maxAttempts`, with jittered back-off).
 *
 * Everything else — control-plane commands (CreateTable…), callbacks, abort signals, and any client
 * whose middleware stack was changed after this (tests injecting faults, the benchmark's capacity
 * meter) — still goes through the SDK, so those behave exactly as before.
 */
export function sendDataPlaneDirectly(client: DynamoDBClient): DynamoDBClient {
  let customised = false;
  const stack = client.middlewareStack;
  for (const method of ['add', 'addRelativeTo', 'use'] as const) {
    const original = stack[method].bind(stack) as (...args: unknown[]) => unknown;
    (stack as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      customised = true;
      return original(...args);
    };
  }
  const sdkSend = client.send.bind(client) as (...args: unknown[]) => Promise<unknown>;
  let endpoint: Promise<Endpoint> | undefined;
  const send = (command: { input: object }, options?: unknown, callback?: unknown) => {
    const operation = OPERATIONS.get(command.constructor);
    const plain =
      options === undefined ||
      (typeof options === 'object' && options !== null && !('abortSignal' in options));
    if (!operation || customised || !plain || callback !== undefined)
      return sdkSend(command, options, callback);
    // Resolved once; a failure (no region configured) is not kept, so the next request tries again.
    endpoint ??= resolveEndpoint(client).catch((error: unknown) => {
      endpoint = undefined;
      throw error;
    });
    // An endpoint below a path (a proxy's prefix) is left to the SDK: requests here are signed for `/`.
    return endpoint.then((e) =>
      e.url.pathname === '/' ? sendDirect(client, e, operation, command.input) : sdkSend(command, options),
    );
  };
  client.send = send as DynamoDBClient['send'];
  // Closing the client closes our kept-alive connections too (the local server's shutdown, tests).
  const sdkDestroy = client.destroy.bind(client);
  client.destroy = () => {
    void endpoint?.then((e) => e.agent.destroy()).catch(() => undefined);
    sdkDestroy();
  };
  return client;
}

async function resolveEndpoint(client: DynamoDBClient): Promise<Endpoint> {
  const config = client.config;
  const region = await config.region();
  const custom = config.isCustomEndpoint && config.endpoint ? await config.endpoint() : undefined;
  const resolved = config.endpointProvider({
    Region: region,
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
    // The regional endpoint, valid for every account; account-based endpoints only route faster.
    AccountIdEndpointMode: 'disabled',
    ...(custom
      ? {
          Endpoint: `${custom.protocol}//${custom.hostname}${custom.port ? `:${custom.port}` : ''}${custom.path}`,
        }
      : {}),
  });
  const url = new URL(resolved.url.href);
  const agentOptions = { keepAlive: true, maxSockets: 50 };
  return {
    url,
    region,
    agent: url.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions),
    maxAttempts: await config.maxAttempts(),
  };
}

async function sendDirect(
  client: DynamoDBClient,
  endpoint: Endpoint,
  operation: string,
  input: object,
): Promise<unknown> {
  // TransactWriteItems is idempotent by its token, which the SDK fills in when the caller did not:
  // a retried transaction must not apply twice.
  const withToken =
    operation === 'TransactWriteItems' && !('ClientRequestToken' in input)
      ? { ...input, ClientRequestToken: randomUUID() }
      : input;
  const body = JSON.stringify(binaryAsBase64(withToken));
  let totalRetryDelay = 0;
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      const credentials = await client.config.credentials();
      const headers = signJsonPost(
        {
          host: endpoint.url.host,
          region: endpoint.region,
          service: 'dynamodb',
          target: `DynamoDB_20120810.${operation}`,
          contentType: 'application/x-amz-json-1.0',
          body,
          at: new Date(Date.now() + (client.config.systemClockOffset ?? 0)),
        },
        credentials,
      );
      const response = await post(endpoint, headers, body);
      const $metadata: ResponseMetadata = {
        httpStatusCode: response.status,
        requestId: response.requestId,
        attempts: attempt,
        totalRetryDelay,
      };
      if (response.status === 200) return { ...parseJson(response.text), $metadata };
      failure = serviceError(response.status, response.text, $metadata);
    } catch (error) {
      failure = error;
    }
    const throttled = THROTTLING.has((failure as { name?: string }).name ?? '');
    if (attempt >= endpoint.maxAttempts || !(throttled || isTransient(failure))) throw failure;
    // Full jitter over an exponential ceiling, as the SDK's standard strategy (longer for throttling).
    const delay = Math.floor(Math.random() * Math.min(20_000, (throttled ? 500 : 100) * 2 ** (attempt - 1)));
    totalRetryDelay += delay;
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function isTransient(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: ResponseMetadata };
  const status = e.$metadata?.httpStatusCode ?? 0;
  return (
    e.name === 'TimeoutError' ||
    e.name === 'RequestTimeout' ||
    e.name === 'RequestTimeoutException' ||
    TRANSIENT_CODES.has(e.code ?? '') ||
    status === 500 ||
    status === 502 ||
    status === 503 ||
    status === 504
  );
}

/** DynamoDB's JSON error body (`__type`, `message`) as the SDK's exception, fields included. */
function serviceError(status: number, text: string, $metadata: ResponseMetadata): DynamoDBServiceException {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = parseJson(text);
  } catch {
    // Not JSON (a proxy's error page): the status alone decides.
  }
  const { __type, message, Message, ...fields } = parsed;
  const name =
    String(__type ?? '')
      .split('#')
      .pop() || (status >= 500 ? 'InternalServerError' : 'UnknownError');
  const text_ = String(message ?? Message ?? name);
  const Known = EXCEPTIONS.get(name);
  if (Known) return new Known({ $metadata, message: text_, ...fields });
  return Object.assign(
    new DynamoDBServiceException({
      name,
      $fault: status >= 500 ? 'server' : 'client',
      $metadata,
      message: text_,
    }),
    fields,
  );
}

function post(
  endpoint: Endpoint,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; requestId: string | undefined; text: string }> {
  const { url, agent } = endpoint;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const req = send(
      {
        protocol: url.protocol,
        hostname: url.hostname,
        port: url.port,
        path: '/',
        method: 'POST',
        agent,
        headers,
      },
      (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          resolve({
            status: res.statusCode ?? 0,
            requestId: requestIdOf(res.rawHeaders),
            text: Buffer.concat(chunks).toString('utf8'),
          });
        });
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () =>
      req.destroy(
        Object.assign(new Error(`DynamoDB did not answer in ${REQUEST_TIMEOUT_MS} ms`), {
          name: 'TimeoutError',
        }),
      ),
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** From the raw header list: reading `res.headers` would build the whole header object for one value. */
function requestIdOf(raw: readonly string[]): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2)
    if (raw[i]?.toLowerCase() === 'x-amzn-requestid') return raw[i + 1];
  return undefined;
}

/**
 * Binary attribute values (`B`, `BS`) travel as base64; a Uint8Array would otherwise become
 * `{"0":…}` and a Buffer `{type, data}`. One walk that copies only the objects on the way to a byte
 * array (none for most requests), then a plain `JSON.stringify`: a replacer function would be called
 * for every key of every item, which costs more than the walk.
 */
function binaryAsBase64(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.length).toString('base64');
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const wire = binaryAsBase64(value[i]);
      if (wire !== value[i]) {
        copy ??= value.slice();
        copy[i] = wire;
      }
    }
    return copy ?? value;
  }
  let copy: Record<string, unknown> | undefined;
  const object = value as Record<string, unknown>;
  for (const key in object) {
    const field = object[key];
    if (field === null || typeof field !== 'object') continue;
    const wire = binaryAsBase64(field);
    if (wire !== field) {
      copy ??= { ...object };
      copy[key] = wire;
    }
  }
  return copy ?? value;
}

const BINARY_KEY = /"BS?"\s*:/u;
/** The output as the SDK returns it: binary values (`B`, `BS`) back to bytes; the rest is the JSON. */
function parseJson(text: string): Record<string, unknown> {
  if (text.length === 0) return {};
  // Most responses carry no binary value: skip the per-key reviver for them.
  return JSON.parse(text, BINARY_KEY.test(text) ? binaryFromBase64 : undefined) as Record<string, unknown>;
}

function binaryFromBase64(key: string, value: unknown): unknown {
  if (key === 'B' && typeof value === 'string') return bytes(value);
  if (key === 'BS' && Array.isArray(value) && value.every((v) => typeof v === 'string'))
    return value.map(bytes);
  return value;
}

function bytes(base64: string): Uint8Array {
  const buffer = Buffer.from(base64, 'base64');
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length);
}
