import type { AppConfig } from '../config/config';
import type { DynamoRequests } from '../stores/dynamo/dynamo-requests';
import { type DirectTarget, directRequests } from './dynamo-direct';
import {
  clientRequests,
  DYNAMO_MAX_ATTEMPTS,
  type DynamoSdk,
  LOCAL_CREDENTIALS,
  newDynamoClient,
} from './dynamo-sdk';

export type Env = Readonly<Record<string, string | undefined>>;

/** Straight over HTTP to this target, or through the SDK for the reason given. */
export type DynamoPath = { direct: DirectTarget } | { sdk: string };

/** Regions of the standard partition (and GovCloud), whose endpoints are `dynamodb.<region>.amazonaws.com`. */
const STANDARD_REGION = /^(?:[a-z]{2}|us-gov)-[a-z]+-\d+$/u;

/** Environment switches under which the SDK would not use the regional endpoint or the environment's keys. */
const SDK_SETTINGS = [
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_USE_DUALSTACK_ENDPOINT',
  'AWS_ENDPOINT_URL',
  'AWS_ENDPOINT_URL_DYNAMODB',
  // With a profile named, the SDK's default chain skips the environment's keys.
  'AWS_PROFILE',
] as const;

const isSet = (value: string | undefined) =>
  value !== undefined && value.trim() !== '' && value.trim().toLowerCase() !== 'false';

/**
 * How a Lambda reaches DynamoDB, from its configuration and environment alone, without loading the
 * SDK: the local endpoint (DYNAMODB_ENDPOINT) with the fixed local keys, or the region's endpoint
 * with the execution role's keys, which Lambda puts in the environment (where the SDK's default
 * chain finds them too). Whatever is unusual is left to the SDK, which knows every partition,
 * endpoint setting and credential source: the off switch (DYNAMODB_REQUESTS=sdk), no keys in the
 * environment, a named profile, FIPS or dual-stack endpoints, an endpoint set by the environment or
 * below a path, a region outside the standard and China partitions.
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
  const setting = SDK_SETTINGS.find((name) => isSet(env[name]));
  if (setting) return { sdk: `${setting} is set` };
  const region = config.region;
  if (!STANDARD_REGION.test(region)) return { sdk: `the region ${region} has no endpoint known here` };
  const accessKeyId = env.AWS_ACCESS_KEY_ID;
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY;
  if (!accessKeyId || !secretAccessKey) return { sdk: 'no credentials in the environment' };
  const sessionToken = env.AWS_SESSION_TOKEN || undefined;
  // Read once, as the SDK's environment provider: Lambda does not change them in a running container.
  const credentials = { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  const domain = region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
  return {
    direct: {
      url: new URL(`https://dynamodb.${region}.${domain}`),
      region,
      credentials: () => credentials,
      maxAttempts: DYNAMO_MAX_ATTEMPTS,
    },
  };
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
  let loading: Promise<DynamoRequests> | undefined;
  let loaded: DynamoRequests | undefined;
  return {
    send: (operation, input) => {
      // A failed load is not kept: the next request tries again.
      loading ??= loadSdk().then(
        (sdk) => (loaded = clientRequests(newDynamoClient(sdk, config), sdk)),
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading.then((requests) => requests.send(operation, input));
    },
    destroy: () => loaded?.destroy?.(),
  };
}
