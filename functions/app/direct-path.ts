import type { DirectTarget } from './aws-json';

export type Env = Readonly<Record<string, string | undefined>>;

/** Straight over HTTP to this target, or through the SDK for the reason given. */
export type DirectPath = { direct: DirectTarget } | { sdk: string };

/** Regions of the standard partition (and GovCloud), whose endpoints are `<service>.<region>.amazonaws.com`. */
const STANDARD_REGION = /^(?:[a-z]{2}|us-gov)-[a-z]+-\d+$/u;

/** Environment switches under which the SDK would not use the regional endpoint or the environment's keys. */
const SDK_SETTINGS = [
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_USE_DUALSTACK_ENDPOINT',
  'AWS_ENDPOINT_URL',
  // With a profile named, the SDK's default chain skips the environment's keys.
  'AWS_PROFILE',
] as const;

const isSet = (value: string | undefined) =>
  value !== undefined && value.trim() !== '' && value.trim().toLowerCase() !== 'false';

export interface RegionalService {
  /** The endpoint's first label: `dynamodb`, `secretsmanager`. */
  endpointPrefix: string;
  /** The service's own endpoint setting: `AWS_ENDPOINT_URL_DYNAMODB`. */
  endpointSetting: string;
  maxAttempts: number;
}

/**
 * How a Lambda reaches an AWS service's regional endpoint without loading the SDK: signed with the
 * execution role's keys, which Lambda puts in the environment (where the SDK's default chain finds
 * them too). Whatever is unusual is left to the SDK, which knows every partition, endpoint setting
 * and credential source: no keys in the environment, a named profile, FIPS or dual-stack endpoints,
 * an endpoint set by the environment, a region outside the standard and China partitions.
 */
export function regionalPathOf(service: RegionalService, region: string, env: Env): DirectPath {
  const setting = [...SDK_SETTINGS, service.endpointSetting].find((name) => isSet(env[name]));
  if (setting) return { sdk: `${setting} is set` };
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
      url: new URL(`https://${service.endpointPrefix}.${region}.${domain}`),
      region,
      credentials: () => credentials,
      maxAttempts: service.maxAttempts,
    },
  };
}

/**
 * The SDK's client, loaded with `import()` on first use when the path is the SDK's: the first call
 * loads, later ones share it. A failed load is not kept: the next call tries again.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}
