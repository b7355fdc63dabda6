import type { AppConfig } from '../config/config';
import { type DirectTarget, type JsonProtocol, jsonClient } from './aws-json';
import { type DirectPath, type Env, loadOnce, regionalPathOf } from './direct-path';

/** Secrets Manager as the functions use it: a secret's string, read and replaced whole. */
export interface SecretsPort {
  /** The secret's current string (`undefined` when it has only a binary value). */
  get(secretId: string): Promise<string | undefined>;
  /** Stores a new version as the current one. */
  put(secretId: string, value: string): Promise<void>;
}

/** The SDK's Secrets Manager module, passed in: the local CLI imports it, a Lambda only with `import()`. */
export type SecretsSdk = Pick<
  typeof import('@aws-sdk/client-secrets-manager'),
  'SecretsManagerClient' | 'GetSecretValueCommand' | 'PutSecretValueCommand'
>;

/** Attempts per request, the first included: the SDK's default. */
const SECRETS_MAX_ATTEMPTS = 3;

/** Secrets Manager's JSON protocol (1.1). Secret strings are plain JSON strings, no binary walk. */
const SECRETS_MANAGER: JsonProtocol = {
  label: 'Secrets Manager',
  service: 'secretsmanager',
  targetPrefix: 'secretsmanager',
  contentType: 'application/x-amz-json-1.1',
  parse: (text) => (text.length === 0 ? {} : (JSON.parse(text) as Record<string, unknown>)),
};

/**
 * GetSecretValue and PutSecretValue as signed JSON POSTs, without the SDK: its Secrets Manager client
 * (with @smithy/core) was about 200 kB of the Zalo and integration bundles, loaded at every cold
 * start. Errors keep the SDK's names (`ResourceNotFoundException`…), retries its strategy.
 */
export function directSecrets(target: DirectTarget): SecretsPort & { destroy(): void } {
  const client = jsonClient(target, SECRETS_MANAGER);
  return {
    async get(secretId) {
      const out = await client.send('GetSecretValue', JSON.stringify({ SecretId: secretId }));
      return typeof out.SecretString === 'string' ? out.SecretString : undefined;
    },
    async put(secretId, value) {
      await client.send('PutSecretValue', JSON.stringify({ SecretId: secretId, SecretString: value }));
    },
    destroy: () => client.destroy(),
  };
}

/** The same through the SDK's client, built on first use (the local CLI; a Lambda's fallback). */
export function sdkSecrets(
  loadSdk: () => Promise<SecretsSdk>,
  region: string,
): SecretsPort & { destroy(): void } {
  let loaded: { destroy(): void } | undefined;
  const client = loadOnce(async () => {
    const sdk = await loadSdk();
    const sm = new sdk.SecretsManagerClient({ region });
    loaded = sm;
    return { sdk, client: sm };
  });
  return {
    async get(secretId) {
      const { sdk, client: sm } = await client();
      return (await sm.send(new sdk.GetSecretValueCommand({ SecretId: secretId }))).SecretString;
    },
    async put(secretId, value) {
      const { sdk, client: sm } = await client();
      await sm.send(new sdk.PutSecretValueCommand({ SecretId: secretId, SecretString: value }));
    },
    destroy: () => loaded?.destroy(),
  };
}

export interface LambdaSecretsOptions {
  env?: Env;
  /** Loads the SDK's client when the path is the SDK's (the runtime's copy in AWS; tests inject one). */
  loadSdk?: () => Promise<SecretsSdk>;
  /** Told once, at creation, why the requests will go through the SDK (for the logs). */
  onSdkPath?: (reason: string) => void;
}

/**
 * How a Lambda reaches Secrets Manager: direct to the region's endpoint with the role's keys from the
 * environment, under the same conditions as DynamoDB's requests (functions/app/direct-path.ts; the
 * off switch DYNAMODB_REQUESTS=sdk too); otherwise through the SDK.
 */
export function secretsPathOf(config: AppConfig, env: Env): DirectPath {
  if (config.dynamoRequests === 'sdk') return { sdk: 'DYNAMODB_REQUESTS=sdk' };
  return regionalPathOf(
    {
      endpointPrefix: 'secretsmanager',
      endpointSetting: 'AWS_ENDPOINT_URL_SECRETS_MANAGER',
      maxAttempts: SECRETS_MAX_ATTEMPTS,
    },
    config.region,
    env,
  );
}

/** The Lambdas' Secrets Manager; on the SDK's path its client is imported with `import()` on first use. */
export function lambdaSecrets(config: AppConfig, options: LambdaSecretsOptions = {}): SecretsPort {
  const path = secretsPathOf(config, options.env ?? process.env);
  if ('direct' in path) return directSecrets(path.direct);
  options.onSdkPath?.(path.sdk);
  return sdkSecrets(options.loadSdk ?? (() => import('@aws-sdk/client-secrets-manager')), config.region);
}

/** One per container, shared by the cold start's reads and the token store (one kept-alive connection). */
let containerSecrets: { region: string; port: SecretsPort } | undefined;
export function containerSecretsPort(config: AppConfig): SecretsPort {
  if (containerSecrets?.region !== config.region)
    containerSecrets = { region: config.region, port: lambdaSecrets(config) };
  return containerSecrets.port;
}
