import type { AppConfig } from '../config/config';
import type { DynamoRequests } from '../stores/dynamo/dynamo-requests';
import { type DirectPath, type Env, loadOnce, regionalPathOf } from './direct-path';
import { directRequests } from './dynamo-direct';
import {
  clientRequests,
  DYNAMO_MAX_ATTEMPTS,
  type DynamoSdk,
  LOCAL_CREDENTIALS,
  newDynamoClient,
} from './dynamo-sdk';

export type { Env };
export type DynamoPath = DirectPath;

/**
 * How a Lambda reaches DynamoDB, from its configuration and environment alone, without loading the
 * SDK: the local endpoint (DYNAMODB_ENDPOINT) with the fixed local keys, or the region's endpoint
 * with the execution role's keys (functions/app/direct-path.ts). Whatever is unusual is left to the
 * SDK: the off switch (DYNAMODB_REQUESTS=sdk), an endpoint below a path, and the cases
 * `regionalPathOf` lists.
 */
export function dynamoPathOf(config: AppConfig, env: Env): DynamoPath {
  if (config.dynamoRequests === 'sdk') return { sdk: 'DYNAMODB_REQUESTS=sdk' };
  if (config.dynamoEndpoint) {
    const url = URL.canParse(config.dynamoEndpoint) ? new URL(config.dynamoEndpoint) : undefined;
    if (!url || !/^https?:$/u.test(url.protocol) || url.pathname !== '/' || url.search || url.username)
      return { sdk: 'DYNAMODB_ENDPOINT is not a plain http(s) origin' };
    return {
      direct: {
        url: new URL(url.origin),
        region: config.region,
        credentials: () => LOCAL_CREDENTIALS,
        maxAttempts: DYNAMO_MAX_ATTEMPTS,
      },
    };
  }
  return regionalPathOf(
    {
      endpointPrefix: 'dynamodb',
      endpointSetting: 'AWS_ENDPOINT_URL_DYNAMODB',
      maxAttempts: DYNAMO_MAX_ATTEMPTS,
    },
    config.region,
    env,
  );
}

export interface LambdaDynamoOptions {
  env?: Env;
  /** Loads the SDK's client when the path is the SDK's (the runtime's copy in AWS; tests inject one). */
  loadSdk?: () => Promise<DynamoSdk>;
  /** Told once, at creation, why the requests will go through the SDK (for the logs). */
  onSdkPath?: (reason: string) => void;
}

/**
 * The Lambdas' way to DynamoDB (the default in `createServices`). Direct, it loads nothing of the SDK:
 * the SDK's client was about 200 kB of every bundle and several milliseconds of every cold start.
 * Otherwise the SDK's client is imported with `import()` on the first request (the build keeps it
 * out of the bundles, scripts/build-lambdas.ts) and built as on this machine (functions/app/dynamo.ts).
 */
export function lambdaDynamoRequests(config: AppConfig, options: LambdaDynamoOptions = {}): DynamoRequests {
  const path = dynamoPathOf(config, options.env ?? process.env);
  if ('direct' in path) return directRequests(path.direct);
  options.onSdkPath?.(path.sdk);
  const loadSdk = options.loadSdk ?? (() => import('@aws-sdk/client-dynamodb'));
  let loaded: DynamoRequests | undefined;
  const requests = loadOnce(async () => {
    const sdk = await loadSdk();
    loaded = clientRequests(newDynamoClient(sdk, config), sdk);
    return loaded;
  });
  return {
    send: (operation, input) => requests().then((r) => r.send(operation, input)),
    destroy: () => loaded?.destroy?.(),
  };
}
