import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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

/** One AWS JSON protocol (DynamoDB's 1.0, Secrets Manager's 1.1): how its requests are named and read. */
export interface JsonProtocol {
  /** For messages: `DynamoDB`. */
  label: string;
  /** The signing name: `dynamodb`. */
  service: string;
  /** `x-amz-target` is `<prefix>.<operation>`: `DynamoDB_20120810`. */
  targetPrefix: string;
  contentType: string;
  /** Reads a response body (a success or an error) into its fields. */
  parse: (text: string) => Record<string, unknown>;
}

/**
 * A failure the service answered: `name` is its error type (`ConditionalCheckFailedException`,
 * `ResourceNotFoundException`…), as the SDK names its exceptions, with the SDK's `$fault` and
 * `$metadata` and the body's other fields (`CancellationReasons`, `Item`…). Callers recognise errors
 * by `name`, never by class: the SDK's classes are not loaded on this path.
 */
export class AwsServiceError extends Error {
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

export interface JsonClient {
  /** Sends one operation's JSON body; resolves to the response's fields and `$metadata`. */
  send(operation: string, body: string): Promise<Record<string, unknown>>;
  destroy(): void;
  /** Opens a connection ahead of the first request (see `openConnection`). */
  connect(): Promise<void>;
}

/**
 * Signed JSON POSTs to one AWS service, without the SDK (functions/app/dynamo-direct.ts says why),
 * with the SDK's retries: throttling, timeouts, 5xx, dropped connections; up to `maxAttempts`, with
 * jittered back-off. Connections are kept alive between requests.
 */
export function jsonClient(target: DirectTarget, protocol: JsonProtocol): JsonClient {
  const agentOptions = { keepAlive: true, maxSockets: 50 };
  const agent = target.url.protocol === 'https:' ? new HttpsAgent(agentOptions) : new HttpAgent(agentOptions);
  return {
    send: (operation, body) => sendSigned(target, agent, protocol, operation, body),
    destroy: () => agent.destroy(),
    connect: () => openConnection(target.url, agent),
  };
}

async function sendSigned(
  target: DirectTarget,
  agent: HttpAgent,
  protocol: JsonProtocol,
  operation: string,
  body: string,
): Promise<Record<string, unknown>> {
  let totalRetryDelay = 0;
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      const headers = signJsonPost(
        {
          host: target.url.host,
          region: target.region,
          service: protocol.service,
          target: `${protocol.targetPrefix}.${operation}`,
          contentType: protocol.contentType,
          body,
          at: new Date(Date.now() + (target.clockOffset?.() ?? 0)),
        },
        await target.credentials(),
      );
      const response = await post(target.url, agent, headers, body, protocol.label);
      const $metadata: ResponseMetadata = {
        httpStatusCode: response.status,
        requestId: response.requestId,
        attempts: attempt,
        totalRetryDelay,
      };
      if (response.status === 200) return { ...protocol.parse(response.text), $metadata };
      failure = serviceError(response.status, response.text, $metadata, protocol);
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

/** The JSON error body (`__type`, `message`) as an error named like the SDK's, fields included. */
function serviceError(
  status: number,
  text: string,
  $metadata: ResponseMetadata,
  protocol: JsonProtocol,
): AwsServiceError {
  let parsed: Record<string, unknown> = {};
  try {
    parsed = protocol.parse(text);
  } catch {
    // Not JSON (a proxy's error page): the status alone decides.
  }
  const { __type, message, Message, ...fields } = parsed;
  const name =
    String(__type ?? '')
      .split('#')
      .pop() || (status >= 500 ? 'InternalServerError' : 'UnknownError');
  return new AwsServiceError(
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
  label: string,
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
        Object.assign(new Error(`${label} did not answer in ${REQUEST_TIMEOUT_MS} ms`), {
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
