import { isUtf8 } from 'node:buffer';
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Services } from '../app/container';
import { createServices, warmUp } from '../app/container';
import { dynamoClient } from '../app/dynamo';
import type { AsyncInvoker, ProcessorJob } from '../app/invoker';
import { lambdaDynamoRequests } from '../app/lambda-dynamo';
import { folderSnapshotStore } from '../authoring/snapshot-store';
import { processJob as processZaloJob } from '../channels/zalo/processor';
import { readConfig } from '../config/config';
import { createChatHandler } from '../handlers/chat';
import { createIntegrationsHandler } from '../handlers/integrations';
import { createStaffHandler } from '../handlers/staff';
import { createZaloWebhookHandler } from '../handlers/zalo-webhook';
import type { HttpHandler } from '../http/handler';
import { cognitoSignInOrigins, contentSecurityPolicy } from '../http/page-security';
import { MAX_BODY_BYTES } from '../http/request';
import { errorBody } from '../http/respond';
import type { HttpEvent, HttpResult } from '../http/types';
import { createLocalHub } from '../realtime/local-hub';
import { attachLocalSocket } from '../realtime/local-socket';
import { systemClock } from '../shared/clock';
import { randomToken } from '../shared/ids';
import { createLogger, type Logger } from '../shared/logger';
import { memoryTables } from '../stores/memory/memory-table';
import { ensureTables, startEmbeddedDynamo } from './embedded-dynamo';
import { createInProcessInvoker } from './in-process-invoker';

const WEB_ROOT = resolve(fileURLToPath(new URL('../../web', import.meta.url)));

export interface LocalAssistantOptions {
  port?: number;
  host?: string;
  dataDir?: string;
  staffToken?: string;
  integrationApiKey?: string;
  /** Extra environment (ZALO_* for a fake server, limits…), on top of process.env. */
  env?: Record<string, string | undefined>;
  quiet?: boolean;
  /**
   * Benchmarks only: keep every table in this process's memory instead of the embedded store, to
   * measure the application's own share of a request. Nothing is kept; never for `npm start`.
   */
  inMemoryStore?: boolean;
  /** The pages to serve: web/ as written unless given (a test serves `buildWeb()`'s output). */
  webRoot?: string;
}

export interface LocalAssistant {
  url: string;
  port: number;
  staffToken: string;
  integrationApiKey: string;
  services: Services;
  /** Waits until every asynchronous job (Zalo processing, sends) has finished. */
  drain(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `npm start` in a function: the embedded store, the same handlers as the Lambdas (fed the same
 * API Gateway v2 events), an in-process async invoker, and the static web pages.
 */
export async function startLocalAssistant(options: LocalAssistantOptions = {}): Promise<LocalAssistant> {
  const env = { ...process.env, ...options.env };
  const dataDir = options.dataDir ?? env.DATA_DIR ?? '.data';
  const staffToken = options.staffToken ?? env.STAFF_TOKEN ?? randomToken();
  const integrationApiKey = options.integrationApiKey ?? env.INTEGRATION_API_KEY ?? randomToken();
  const webRoot = resolve(options.webRoot ?? WEB_ROOT);
  const dynamo = await startEmbeddedDynamo({ dataDir: join(dataDir, 'dynamodb') });
  const config = readConfig({
    ...env,
    // Only CloudFront adds the origin secret; on this machine the viewer-address header is never trusted.
    ORIGIN_VERIFY_SECRET: undefined,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    STAFF_TOKEN: staffToken,
    INTEGRATION_API_KEY: integrationApiKey,
    STAFF_AUTH: 'token',
    AWS_REGION: env.AWS_REGION ?? 'local',
  });
  const log: Logger = createLogger(options.quiet ? 'warn' : config.logLevel);
  // The SDK's client only creates the tables; item requests go the way the Lambdas send them.
  const client = dynamoClient(config);
  await ensureTables(client, config.tables);
  client.destroy();
  const requests = lambdaDynamoRequests(config, {
    onSdkPath: (reason) => log.info('dynamo_requests_through_sdk', { reason }),
  });

  // The processor needs the services and the services need the invoker: the loop is closed below,
  // before the server accepts its first request.
  let processJob: ((job: ProcessorJob) => Promise<void>) | undefined;
  const invoker = createInProcessInvoker(async (job) => {
    if (!processJob) throw new Error('processor not ready');
    await processJob(job);
  }, log);
  const hub = createLocalHub();
  const services = createServices({
    config,
    log,
    dynamo: requests,
    notifier: hub,
    invoker: invoker as AsyncInvoker,
    // Published knowledge snapshots live beside the embedded store, and survive a restart.
    snapshots: folderSnapshotStore(join(dataDir, 'knowledge')),
    ...(options.inMemoryStore ? { tables: memoryTables(systemClock) } : {}),
  });
  warmUp(services);
  const provider = async () => services;
  processJob = (job) => processZaloJob(services, job);
  const zaloWebhook = createZaloWebhookHandler(provider);

  const chat = createChatHandler(provider);
  const staff = createStaffHandler(provider);
  const integrations = createIntegrationsHandler(provider);
  const route = (path: string): HttpHandler | undefined => {
    if (path === '/healthz' || path === '/api/chat' || path.startsWith('/api/chat/')) return chat;
    if (path.startsWith('/api/staff/')) return staff;
    if (path.startsWith('/api/integrations/')) return integrations;
    if (path.startsWith('/zalo/')) return zaloWebhook;
    return undefined;
  };

  const server = createServer((req, res) => {
    void serve(req, res, route, log, webRoot).catch((error: unknown) => {
      log.error('local_server_error', { error });
      if (!res.headersSent)
        send(res, {
          statusCode: 500,
          headers: jsonHeaders,
          body: JSON.stringify(errorBody('internal_error', 'Đã có lỗi xảy ra.')),
        });
    });
  });
  // Requests Node refuses before any handler runs (a URL or headers over its 16 KB limit, bytes that
  // are not HTTP) get the contract's JSON error instead of Node's empty answer, then the socket closes.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const [status, body] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [
            '431 Request Header Fields Too Large',
            errorBody('request_too_large', 'Địa chỉ hoặc phần đầu của yêu cầu quá dài.'),
          ]
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? ['408 Request Timeout', errorBody('request_timeout', 'Yêu cầu gửi quá chậm. Vui lòng thử lại.')]
          : ['400 Bad Request', errorBody('bad_request', 'Yêu cầu không hợp lệ.')];
    const text = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\n` +
        `content-length: ${Buffer.byteLength(text)}\r\nconnection: close\r\n\r\n${text}`,
    );
  });
  const sockets = attachLocalSocket(server, hub, services.conversation, log);
  server.requestTimeout = 15_000;
  server.headersTimeout = 10_000;
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', () => ok());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    staffToken,
    integrationApiKey,
    services,
    drain: () => invoker.drain(),
    async close() {
      sockets.close();
      await closeServer(server);
      await invoker.drain();
      requests.destroy?.();
      await dynamo.close();
    },
  };
}

const jsonHeaders = { 'content-type': 'application/json; charset=utf-8' };

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 2000).unref();
  });
}

function send(res: ServerResponse, result: HttpResult) {
  const body = result.body ?? '';
  res.writeHead(result.statusCode, {
    ...result.headers,
    'content-length': Buffer.byteLength(body, result.isBase64Encoded ? 'base64' : 'utf8'),
  });
  res.end(result.isBase64Encoded ? Buffer.from(body, 'base64') : body);
}

/**
 * Reads the body up to MAX_BODY_BYTES. Beyond it, stops keeping the bytes but lets the request end
 * (never leaves it half-read): the 413 then goes out with `connection: close`, so the next request of
 * a kept-alive client starts on a fresh connection instead of waiting on this one.
 */
function readBody(req: IncomingMessage): Promise<Buffer | 'too_large'> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) return Promise.resolve('too_large');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > MAX_BODY_BYTES) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        chunks.length = 0;
        resolve('too_large');
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A refusal before the request was read in full: the contract's JSON error, then the connection
 * closes (what is left of the request is drained, never parsed as the next one, never waited on).
 */
function refuseAndClose(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
) {
  res.shouldKeepAlive = false;
  send(res, {
    statusCode: status,
    headers: { ...jsonHeaders, connection: 'close' },
    body: JSON.stringify(errorBody(code, message)),
  });
  req.resume();
}

/** Longest request target accepted (API Gateway's own limit is of the same order); longer is a 414. */
export const MAX_URL_BYTES = 8 * 1024;

async function serve(
  req: IncomingMessage,
  res: ServerResponse,
  route: (p: string) => HttpHandler | undefined,
  log: Logger,
  webRoot: string,
) {
  if (Buffer.byteLength(req.url ?? '') > MAX_URL_BYTES)
    return refuseAndClose(req, res, 414, 'uri_too_long', 'Địa chỉ yêu cầu quá dài.');
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = (req.method ?? 'GET').toUpperCase();
  const handler = route(url.pathname);
  if (!handler) return serveStatic(webRoot, url.pathname, method, res);

  const body = await readBody(req);
  if (body === 'too_large')
    return refuseAndClose(req, res, 413, 'body_too_large', 'Nội dung gửi lên quá lớn.');
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  // API Gateway base64-encodes bodies that are not valid UTF-8 text; do the same so raw bytes survive.
  const isText = isUtf8(body);
  const text = isText ? body.toString('utf8') : '';
  const event: HttpEvent = {
    version: '2.0',
    routeKey: `${method} ${url.pathname}`,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    queryStringParameters: Object.fromEntries(url.searchParams.entries()),
    ...(body.length ? { body: isText ? text : body.toString('base64'), isBase64Encoded: !isText } : {}),
    requestContext: {
      // No request id: requests here run concurrently, and log lines bind one per process
      // (functions/shared/logger.ts).
      http: { method, path: url.pathname, sourceIp: req.socket.remoteAddress ?? '127.0.0.1' },
    },
  };
  // CORS headers, when any, are the handlers' own (the chat API's configured origins; none elsewhere).
  const result = await handler(event);
  send(res, result);
  if (result.statusCode >= 500) log.warn('http_5xx', { path: url.pathname, status: result.statusCode });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The pages' Content-Security-Policy, as the CDK stack's CloudFront policies send it: the console
 * never framed and allowed to reach a Cognito sign-in domain (when /config.json asks for one); the
 * citizen chat framed by any site that embeds the widget.
 */
const CONSOLE_CSP = contentSecurityPolicy('console', { connectTo: cognitoSignInOrigins() });
const CITIZEN_CSP = contentSecurityPolicy('citizen', { frameAncestors: ['*'] });

async function serveStatic(webRoot: string, pathname: string, method: string, res: ServerResponse) {
  if (method !== 'GET' && method !== 'HEAD') {
    send(res, {
      statusCode: 404,
      headers: jsonHeaders,
      body: JSON.stringify(errorBody('not_found', 'Không có đường dẫn này.')),
    });
    return;
  }
  let rel = decodeURIComponentSafe(pathname);
  if (rel === '/' || rel === '') rel = '/index.html';
  if (rel === '/staff' || rel === '/staff/') rel = '/staff/index.html';
  const file = normalize(join(webRoot, rel));
  if (!file.startsWith(webRoot + sep)) return notFoundPage(res);
  try {
    const info = await stat(file);
    if (!info.isFile()) return notFoundPage(res);
    const content = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': content.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'content-security-policy': rel.startsWith('/staff/') ? CONSOLE_CSP : CITIZEN_CSP,
      ...(rel.startsWith('/staff/') ? { 'x-frame-options': 'DENY' } : {}),
    });
    res.end(method === 'HEAD' ? undefined : content);
  } catch {
    notFoundPage(res);
  }
}

function decodeURIComponentSafe(s: string) {
  try {
    return decodeURIComponent(s);
  } catch {
    return '/__invalid__';
  }
}

function notFoundPage(res: ServerResponse) {
  send(res, {
    statusCode: 404,
    headers: jsonHeaders,
    body: JSON.stringify(errorBody('not_found', 'Không có đường dẫn này.')),
  });
}
