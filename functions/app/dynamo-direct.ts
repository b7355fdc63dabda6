import { randomUUID } from 'node:crypto';
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { DynamoOperation, DynamoRequests } from '../stores/dynamo/dynamo-requests';
import { type SigningCredentials, signJsonPost } from './sigv4';

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

export interface ResponseMetadata {
  httpStatusCode?: number;
  requestId?: string;
  attempts?: number;
  totalRetryDelay?: number;
}

/** Where and as whom the requests go. */
export interface DirectTarget {
  /** The service's origin (`https://dynamodb.ap-southeast-1.amazonaws.com`); requests go to `/`. */
  url: URL;
  /** The region requests are signed for. */
  region: string;
  /** Asked before every attempt: a provider may rotate them (the SDK's do). */
  credentials: () => Promise<SigningCredentials> | SigningCredentials;
  /** Attempts per request, the first included, as the SDK's `maxAttempts`. */
  maxAttempts: number;
  /** Milliseconds to add to this machine's clock when signing (the SDK's corrected clock skew). */
  clockOffset?: () => number;
}

/**
 * A failure DynamoDB answered: `name` is its error type (`ConditionalCheckFailedException`…), as the
 * SDK names its exceptions, with the SDK's `$fault` and `$metadata` and the body's other fields
 * (`CancellationReasons`, `Item`…). Callers recognise errors by `name`, never by class: the SDK's
 * classes are not loaded on this path.
 */
export class DynamoServiceError extends Error {
  readonly $fault: 'client' | 'server';
  readonly $metadata: ResponseMetadata;
  [field: string]: unknown;

  constructor(
    name: string,
    message: string,
    $fault: 'client' | 'server',
    $metadata: ResponseMetadata,
    fields: Record<string, unknown> = {},
  ) {
    super(message);
    Object.assign(this, fields);
    this.name = name;
    this.$fault = $fault;
    this.$metadata = $metadata;
  }
}

/**
 * Sends DynamoDB's data-plane requests (GetItem, PutItem, Query…) straight over HTTP, signed with our
 * own SigV4 (functions/app/sigv4.ts), without the AWS SDK.
 *
 * Why: measured from outside the server, the SDK's per-request work (schema serialisation, endpoint
 * rules, user agent, retry tokens, the general SigV4 signer, its HTTP handler) was about half of a
 * web turn's server CPU, and loading the SDK's client was about 200 kB of every Lambda's bundle.
 * DynamoDB's JSON protocol needs none of it: the input already is the wire JSON (binary values as
 * base64), and so is the output. What the SDK gives callers is kept: the same input and output shapes
 * (`$metadata` included), its error names and fields, an idempotency token on every transaction, and
 * its retries (throttling, timeouts, 5xx, dropped connections; up to `maxAttempts`, with jittered
 * back-off).
 */
export function directRequests(
  target: DirectTarget,
): DynamoRequests & { destroy(): void; connect(): Promise<void> } {
  const agentOptions = { keepAlive: true, maxSockets: 50 };
  const agent = target.url.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  return {
    send: (operation, input) => sendDirect(target, agent, operation, input) as never,
    destroy: () => agent.destroy(),
    connect: () => openConnection(target.url, agent),
  };
}

async function sendDirect(
  target: DirectTarget,
  agent: HttpAgent,
  operation: DynamoOperation,
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
      const headers = signJsonPost(
        {
          host: target.url.host,
          region: target.region,
          service: 'dynamodb',
          target: `DynamoDB_20120810.${operation}`,
          contentType: 'application/x-amz-json-1.0',
          body,
          at: new Date(Date.now() + (target.clockOffset?.() ?? 0)),
        },
        await target.credentials(),
      );
      const response = await post(target.url, agent, headers, body);
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
    if (attempt >= target.maxAttempts || !(throttled || isTransient(failure))) throw failure;
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

/** DynamoDB's JSON error body (`__type`, `message`) as an error named like the SDK's, fields included. */
function serviceError(status: number, text: string, $metadata: ResponseMetadata): DynamoServiceError {
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
  return new DynamoServiceError(
    name,
    String(message ?? Message ?? name),
    status >= 500 ? 'server' : 'client',
    $metadata,
    fields,
  );
}

/**
 * An unsigned `GET /`, which DynamoDB answers with a short health line: enough to leave a connection
 * in the agent's pool. Whatever comes back (an error page from the local store too) is read to its
 * end so the socket is kept for the next request; a failure is silent.
 */
function openConnection(url: URL, agent: HttpAgent): Promise<void> {
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const req = send(
      { protocol: url.protocol, hostname: url.hostname, port: url.port, path: '/', method: 'GET', agent },
      (res: IncomingMessage) => {
        res.resume();
        res.on('end', () => resolve());
        res.on('error', () => resolve());
      },
    );
    req.setTimeout(CONNECT_TIMEOUT_MS, () => req.destroy());
    req.on('error', () => resolve());
    req.end();
  });
}
const CONNECT_TIMEOUT_MS = 3_000;

function post(
  url: URL,
  agent: HttpAgent,
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; requestId: string | undefined; text: string }> {
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
