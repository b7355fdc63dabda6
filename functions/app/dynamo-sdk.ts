import type { DynamoDBClient, DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import type { AppConfig } from '../config/config';
import {
  DYNAMO_OPERATIONS,
  type DynamoOperation,
  type DynamoRequests,
} from '../stores/dynamo/dynamo-requests';
import { type DirectTarget, directRequests } from './dynamo-direct';

/**
 * The SDK's DynamoDB client module, passed in rather than imported: the local server and the tests
 * import it statically (functions/app/dynamo.ts), a Lambda only with `import()` when it cannot send
 * directly (functions/app/lambda-dynamo.ts). This module imports nothing of the SDK but its types.
 */
export type DynamoSdk = Pick<
  typeof import('@aws-sdk/client-dynamodb'),
  'DynamoDBClient' | `${DynamoOperation}Command`
>;

/** The embedded store does not check signatures: fixed keys, whichever way the requests go. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };

/** Attempts per request, the first included, on every path. */
export const DYNAMO_MAX_ATTEMPTS = 3;

/** A DynamoDB client: AWS, or the embedded server when DYNAMODB_ENDPOINT is set. */
export function newDynamoClient(sdk: DynamoSdk, config: AppConfig): DynamoDBClient {
  const options: DynamoDBClientConfig = {
    region: config.region,
    ...(config.dynamoEndpoint ? { endpoint: config.dynamoEndpoint, credentials: LOCAL_CREDENTIALS } : {}),
    maxAttempts: DYNAMO_MAX_ATTEMPTS,
    // Build each command's middleware chain once, not on every request: a turn makes several store
    // requests and this was a measurable share of its CPU. Middleware must be added before first use.
    cacheMiddleware: true,
  };
  const client = new sdk.DynamoDBClient(options);
  // The SDK never logs for us: items hold personal data, and store failures reach our own logger
  // as errors. Its logger middleware would still format every request and response for a logger
  // that discards them.
  client.middlewareStack.remove('loggerMiddleware');
  // The stores' item requests skip the SDK's middleware: it was half of a turn's server CPU.
  // DYNAMODB_REQUESTS=sdk turns that off without a deployment of new code, should AWS ever answer
  // the direct path differently from the SDK (the local store does not check signatures).
  return config.dynamoRequests === 'sdk' ? client : sendDataPlaneDirectly(client, sdk);
}

/** The table adapter's requests as the client's commands (whichever way the client sends them). */
export function clientRequests(client: DynamoDBClient, sdk: DynamoSdk): DynamoRequests {
  return {
    send: (operation, input) => {
      const Command = sdk[`${operation}Command`] as unknown as new (input: object) => never;
      return client.send(new Command(input));
    },
    destroy: () => client.destroy(),
  };
}

/**
 * Makes the client send its data-plane commands (GetItem, PutItem, Query…) straight over HTTP
 * (functions/app/dynamo-direct.ts) with its own credentials, region, endpoint and attempts, instead
 * of through its middleware stack.
 *
 * Everything else — control-plane commands (CreateTable…), callbacks, abort signals, an endpoint
 * below a path, and any client whose middleware stack was changed after this (tests injecting
 * faults, the benchmark's capacity meter) — still goes through the SDK, so those behave as before.
 */
export function sendDataPlaneDirectly(client: DynamoDBClient, sdk: DynamoSdk): DynamoDBClient {
  // By command class (bundles are minified: the operation cannot be read from `constructor.name`).
  const operations = new Map<unknown, DynamoOperation>(
    DYNAMO_OPERATIONS.map((operation) => [sdk[`${operation}Command`], operation]),
  );
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
  let direct: Promise<(DynamoRequests & { destroy(): void }) | undefined> | undefined;
  const send = (command: { input: object }, options?: unknown, callback?: unknown) => {
    const operation = operations.get(command.constructor);
    const plain =
      options === undefined ||
      (typeof options === 'object' && options !== null && !('abortSignal' in options));
    if (!operation || customised || !plain || callback !== undefined)
      return sdkSend(command, options, callback);
    // Resolved once; a failure (no region configured) is not kept, so the next request tries again.
    direct ??= directTargetOf(client)
      .then((target) => (target ? directRequests(target) : undefined))
      .catch((error: unknown) => {
        direct = undefined;
        throw error;
      });
    return direct.then((requests) =>
      requests ? requests.send(operation, command.input as never) : sdkSend(command, options),
    );
  };
  client.send = send as DynamoDBClient['send'];
  // Closing the client closes our kept-alive connections too (the local server's shutdown, tests).
  const sdkDestroy = client.destroy.bind(client);
  client.destroy = () => {
    void direct?.then((requests) => requests?.destroy()).catch(() => undefined);
    sdkDestroy();
  };
  return client;
}

/**
 * The client's resolved endpoint and credentials; none for an endpoint below a path (a proxy's
 * prefix): the direct path signs its requests for `/`.
 */
async function directTargetOf(client: DynamoDBClient): Promise<DirectTarget | undefined> {
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
  if (url.pathname !== '/') return undefined;
  return {
    url,
    region,
    credentials: () => config.credentials(),
    maxAttempts: await config.maxAttempts(),
    clockOffset: () => config.systemClockOffset ?? 0,
  };
}
