import * as z from 'zod/mini';
import '../../intents/zod-english';
import type { TABLES } from '../stores/tables';
import { parseStaffAccounts, type StaffAccount } from './staff-accounts';

/**
 * Configuration is read once from the environment, validated, and fails fast with a clear message.
 * Nothing is written back into process.env; callers receive a typed, frozen object.
 */
// zod/mini on the cold-start path: its schemas carry no methods per instance, which made building
// this one object the largest share of importing the configuration (docs/benchmarks.md). And a
// variable's schema is built only when the variable is set: most are not, and building all sixty
// was still most of reading the configuration at a cold start.

/** One environment variable: its schema, built when the variable is set, and its value when unset. */
interface Setting<S extends z.ZodMiniType> {
  schema: () => S;
  unset: z.output<S>;
}
const setting = <S extends z.ZodMiniType>(schema: () => S, unset: z.output<S>): Setting<S> => ({
  schema,
  unset,
});

const optionalText = setting(
  () =>
    z.pipe(
      z.string().check(z.trim()),
      z.transform((v: string) => (v === '' ? undefined : v)),
    ),
  undefined,
);
const boundedInt = (min: number, max: number, unset: number) =>
  setting(() => z.coerce.number().check(z.int(), z.gte(min), z.lte(max)), unset);
const positiveInt = (unset: number) => setting(() => z.coerce.number().check(z.int(), z.positive()), unset);
const text = (unset: string) => setting(() => z.string().check(z.minLength(1)), unset);
const choice = <const T extends readonly [string, ...string[]]>(values: T, unset: T[number]) =>
  setting(() => z.enum(values), unset);
const url = (unset: string) => setting(() => z.url(), unset);

const SETTINGS = {
  TABLE_CONVERSATIONS: text('conversations'),
  TABLE_CASEWORK: text('casework'),
  TABLE_REGISTRY: text('registry'),
  /** Set only on this machine: the embedded DynamoDB-compatible server. */
  DYNAMODB_ENDPOINT: optionalText,
  /** `sdk` sends every DynamoDB request through the SDK's middleware (the direct path's off switch). */
  DYNAMODB_REQUESTS: choice(['direct', 'sdk'], 'direct'),
  AWS_REGION: text('ap-southeast-1'),

  /** `token`: a static bearer token (this machine). `cognito`: API Gateway already checked a Cognito JWT. */
  STAFF_AUTH: choice(['token', 'cognito'], 'token'),
  STAFF_TOKEN: optionalText,
  /** More local staff accounts with their roles (JSON array, see contract "Staff accounts and roles"). */
  STAFF_ACCOUNTS: optionalText,
  /** How often a running function looks for a newly published knowledge snapshot (at most 30 s). */
  KNOWLEDGE_REFRESH_SECONDS: boundedInt(0, 30, 30),
  /** In AWS: the private bucket holding published knowledge snapshots. */
  KNOWLEDGE_BUCKET: optionalText,
  INTEGRATION_API_KEY: optionalText,
  /** In AWS the integration key and the Zalo secrets live in Secrets Manager. */
  INTEGRATION_SECRET_ARN: optionalText,
  ZALO_SECRET_ARN: optionalText,

  ZALO_APP_ID: optionalText,
  ZALO_OA_SECRET_KEY: optionalText,
  ZALO_APP_SECRET: optionalText,
  ZALO_ACCESS_TOKEN: optionalText,
  ZALO_REFRESH_TOKEN: optionalText,
  ZALO_OA_API_BASE: url('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: url('https://oauth.zaloapp.com'),
  /** Sources disagree on the webhook MAC; see ../shared/reference/zalo.md §1. */
  ZALO_SIGNATURE_VARIANT: choice(
    ['oa_secret_sha256', 'app_secret_sha256', 'oa_secret_hmac'],
    'oa_secret_sha256',
  ),
  ZALO_BOT_TOKEN: optionalText,
  ZALO_BOT_SECRET_TOKEN: optionalText,
  ZALO_BOT_API_BASE: url('https://bot-api.zaloplatforms.com'),
  /** In AWS, the processor Lambda the webhook invokes with an `Event` invocation. */
  ZALO_PROCESSOR_FUNCTION: optionalText,
  /** In AWS, the WebSocket API's management endpoint (https://…/stage) that pushes to open pages. */
  REALTIME_ENDPOINT: setting(() => z.optional(z.url()), undefined),
  /** Zalo Notification Service: template notices to a phone once the 7-day window is closed. */
  ZALO_ZNS_API_BASE: url('https://business.openapi.zalo.me'),
  ZALO_ZNS_TEMPLATE_DOSSIER: optionalText,
  /** JSON: template parameter → code | procedure | status | date (docs/zalo.md §ZNS). */
  ZALO_ZNS_TEMPLATE_DOSSIER_PARAMS: optionalText,
  ZALO_ZNS_TEMPLATE_RATING: optionalText,
  /** JSON: template parameter → date | agency (the rating request's template). */
  ZALO_ZNS_TEMPLATE_RATING_PARAMS: optionalText,
  /** The OA's consent-withdrawal event; Zalo's SDKs do not name it, so it is configuration. */
  ZALO_WITHDRAW_EVENT: setting(
    () => z.string().check(z.trim(), z.minLength(1), z.maxLength(64)),
    'user_withdraw',
  ),
  /** How long the assistant stays silent after an OA admin answered a citizen in Zalo's OA manager. */
  ZALO_TAKEOVER_HOURS: setting(() => z.coerce.number().check(z.positive(), z.lte(24 * 30)), 4),

  SESSION_TTL_DAYS: positiveInt(30),
  TRANSCRIPT_RETENTION_DAYS: positiveInt(180),
  /** Bytes of the session item that earlier turns may fill before they are written out; 0: every turn. */
  SESSION_INLINE_BYTES: boundedInt(0, 400_000, 1024),
  DOSSIER_RETENTION_DAYS: positiveInt(730),
  ADDRESS_RETENTION_DAYS: positiveInt(3650),
  /** The province's dossier code pattern (a regular expression source), see contract/nlu.md. */
  DOSSIER_CODE_PATTERN: optionalText,
  HANDOFF_SLA_MINUTES: positiveInt(15),
  RATE_LIMIT_PER_MINUTE: positiveInt(30),
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: positiveInt(120),
  /** Count 1 in k requests per address, as k (functions/http/address-limit.ts); 1 counts each. */
  RATE_LIMIT_ADDRESS_SAMPLING: positiveInt(1),
  /**
   * The value CloudFront sends in `x-origin-verify` (an origin custom header from a generated secret).
   * Only a request carrying it came through CloudFront, so only then is `cloudfront-viewer-address`
   * the citizen's address; unset (this machine), that header is never trusted.
   */
  ORIGIN_VERIFY_SECRET: optionalText,
  /**
   * Origins of other sites allowed to call the citizen chat API from a browser (comma-separated).
   * Empty by default: the pages and the API share one origin. The staff and integration APIs allow none.
   */
  CORS_ALLOWED_ORIGINS: setting(
    () =>
      z.pipe(
        z.string(),
        z.transform((v: string) =>
          v
            .split(',')
            .map((o) => o.trim())
            .filter((o) => o !== ''),
        ),
      ),
    [],
  ),
  LOG_LEVEL: choice(['debug', 'info', 'warn', 'error', 'silent'], 'info'),
};

type Env = { [K in keyof typeof SETTINGS]: (typeof SETTINGS)[K]['unset'] };

/** Each variable set is checked by its own schema; every problem is reported, by variable name. */
function parseEnv(
  env: Record<string, string | undefined>,
): { success: true; data: Env } | { success: false; problems: string[] } {
  const data: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, entry] of Object.entries(SETTINGS) as [string, Setting<z.ZodMiniType>][]) {
    const raw = env[name];
    if (raw === undefined) {
      data[name] = entry.unset;
      continue;
    }
    const parsed = entry.schema().safeParse(raw);
    if (parsed.success) data[name] = parsed.data;
    else problems.push(...parsed.error.issues.map((i) => `${[name, ...i.path].join('.')}: ${i.message}`));
  }
  return problems.length ? { success: false, problems } : { success: true, data: data as Env };
}

export type AppConfig = Readonly<{
  tables: Readonly<Record<keyof typeof TABLES, string>>;
  dynamoEndpoint?: string;
  /** Item requests straight over HTTP (functions/app/dynamo-direct.ts), or all through the SDK. */
  dynamoRequests: 'direct' | 'sdk';
  region: string;
  realtimeEndpoint?: string;
  staffAuth: 'token' | 'cognito';
  staffToken?: string;
  staffAccounts: readonly StaffAccount[];
  knowledge: Readonly<{ refreshSeconds: number; bucket?: string }>;
  integrationApiKey?: string;
  integrationSecretArn?: string;
  zaloSecretArn?: string;
  zalo: Readonly<{
    appId?: string;
    oaSecretKey?: string;
    appSecret?: string;
    accessToken?: string;
    refreshToken?: string;
    oaApiBase: string;
    oauthBase: string;
    signatureVariant: 'oa_secret_sha256' | 'app_secret_sha256' | 'oa_secret_hmac';
    botToken?: string;
    botSecretToken?: string;
    botApiBase: string;
    processorFunction?: string;
    znsApiBase: string;
    zns: Readonly<{
      dossier?: ZnsTemplateConfig;
      rating?: ZnsTemplateConfig;
    }>;
    withdrawEvent: string;
    takeoverHours: number;
  }>;
  retention: Readonly<{
    sessionDays: number;
    transcriptDays: number;
    /** Earlier turns stay in the session item while it is at most this size (one write unit). */
    sessionInlineBytes: number;
    dossierDays: number;
    addressDays: number;
  }>;
  dossierCodePattern?: string;
  handoffSlaMinutes: number;
  rateLimitPerMinute: number;
  rateLimitPerAddressPerMinute: number;
  rateLimitAddressSampling: number;
  originVerifySecret?: string;
  corsAllowedOrigins: readonly string[];
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}>;

/** The values a ZNS template parameter can be filled from (docs/zalo.md, "ZNS templates"). */
export const ZNS_FIELDS = ['code', 'procedure', 'status', 'date', 'agency'] as const;
export type ZnsField = (typeof ZNS_FIELDS)[number];

/** An approved ZNS template: its id and which of our values fills each of its parameters. */
export interface ZnsTemplateConfig {
  templateId: string;
  params: Readonly<Record<string, ZnsField>>;
}

const ZnsParamsSchema = z.record(z.string().check(z.regex(/^\w{1,64}$/u)), z.enum(ZNS_FIELDS));

function znsTemplate(
  name: string,
  templateId: string | undefined,
  params: string | undefined,
  key: 'dossier' | 'rating',
): Partial<Record<'dossier' | 'rating', ZnsTemplateConfig>> {
  if (!templateId) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(params ?? '{}');
  } catch {
    throw new ConfigError(`Invalid configuration: ZALO_ZNS_TEMPLATE_${name}_PARAMS is not JSON`);
  }
  const result = ZnsParamsSchema.safeParse(parsed);
  if (!result.success) {
    throw new ConfigError(
      `Invalid configuration: ZALO_ZNS_TEMPLATE_${name}_PARAMS maps template parameters to one of ${ZNS_FIELDS.join(', ')}`,
    );
  }
  return { [key]: { templateId, params: result.data } };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function staffAccountsOf(raw: string | undefined): StaffAccount[] {
  try {
    return parseStaffAccounts(raw);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
}

export function readConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = parseEnv(env);
  if (!parsed.success) throw new ConfigError(`Invalid configuration: ${parsed.problems.join('; ')}`);
  const e = parsed.data;
  if (e.DOSSIER_CODE_PATTERN) {
    try {
      new RegExp(e.DOSSIER_CODE_PATTERN, 'u');
    } catch {
      throw new ConfigError('Invalid configuration: DOSSIER_CODE_PATTERN is not a valid regular expression');
    }
  }
  return Object.freeze({
    tables: { conversations: e.TABLE_CONVERSATIONS, casework: e.TABLE_CASEWORK, registry: e.TABLE_REGISTRY },
    dynamoEndpoint: e.DYNAMODB_ENDPOINT,
    dynamoRequests: e.DYNAMODB_REQUESTS,
    region: e.AWS_REGION,
    realtimeEndpoint: e.REALTIME_ENDPOINT,
    staffAuth: e.STAFF_AUTH,
    staffToken: e.STAFF_TOKEN,
    staffAccounts: staffAccountsOf(e.STAFF_ACCOUNTS),
    knowledge: { refreshSeconds: e.KNOWLEDGE_REFRESH_SECONDS, bucket: e.KNOWLEDGE_BUCKET },
    integrationApiKey: e.INTEGRATION_API_KEY,
    integrationSecretArn: e.INTEGRATION_SECRET_ARN,
    zaloSecretArn: e.ZALO_SECRET_ARN,
    zalo: {
      appId: e.ZALO_APP_ID,
      oaSecretKey: e.ZALO_OA_SECRET_KEY,
      appSecret: e.ZALO_APP_SECRET,
      accessToken: e.ZALO_ACCESS_TOKEN,
      refreshToken: e.ZALO_REFRESH_TOKEN,
      oaApiBase: e.ZALO_OA_API_BASE,
      oauthBase: e.ZALO_OAUTH_BASE,
      signatureVariant: e.ZALO_SIGNATURE_VARIANT,
      botToken: e.ZALO_BOT_TOKEN,
      botSecretToken: e.ZALO_BOT_SECRET_TOKEN,
      botApiBase: e.ZALO_BOT_API_BASE,
      processorFunction: e.ZALO_PROCESSOR_FUNCTION,
      znsApiBase: e.ZALO_ZNS_API_BASE,
      zns: {
        ...znsTemplate('DOSSIER', e.ZALO_ZNS_TEMPLATE_DOSSIER, e.ZALO_ZNS_TEMPLATE_DOSSIER_PARAMS, 'dossier'),
        ...znsTemplate('RATING', e.ZALO_ZNS_TEMPLATE_RATING, e.ZALO_ZNS_TEMPLATE_RATING_PARAMS, 'rating'),
      },
      withdrawEvent: e.ZALO_WITHDRAW_EVENT,
      takeoverHours: e.ZALO_TAKEOVER_HOURS,
    },
    retention: {
      sessionDays: e.SESSION_TTL_DAYS,
      transcriptDays: e.TRANSCRIPT_RETENTION_DAYS,
      sessionInlineBytes: e.SESSION_INLINE_BYTES,
      dossierDays: e.DOSSIER_RETENTION_DAYS,
      addressDays: e.ADDRESS_RETENTION_DAYS,
    },
    dossierCodePattern: e.DOSSIER_CODE_PATTERN,
    handoffSlaMinutes: e.HANDOFF_SLA_MINUTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitPerAddressPerMinute: e.RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
    rateLimitAddressSampling: e.RATE_LIMIT_ADDRESS_SAMPLING,
    originVerifySecret: e.ORIGIN_VERIFY_SECRET,
    corsAllowedOrigins: Object.freeze(e.CORS_ALLOWED_ORIGINS),
    logLevel: e.LOG_LEVEL,
  });
}
