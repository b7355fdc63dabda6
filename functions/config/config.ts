import { z } from 'zod';
import type { TABLES } from '../stores/tables';
import { parseStaffAccounts, type StaffAccount } from './staff-accounts';

/**
 * Configuration is read once from the environment, validated, and fails fast with a clear message.
 * Nothing is written back into process.env; callers receive a typed, frozen object.
 */
const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  TABLE_CONVERSATIONS: z.string().min(1).default('conversations'),
  TABLE_CASEWORK: z.string().min(1).default('casework'),
  TABLE_REGISTRY: z.string().min(1).default('registry'),
  /** Set only on this machine: the embedded DynamoDB-compatible server. */
  DYNAMODB_ENDPOINT: optionalText,
  AWS_REGION: z.string().min(1).default('ap-southeast-1'),

  /** `token`: a static bearer token (this machine). `cognito`: API Gateway already checked a Cognito JWT. */
  STAFF_AUTH: z.enum(['token', 'cognito']).default('token'),
  STAFF_TOKEN: optionalText,
  /** More local staff accounts with their roles (JSON array, see contract "Staff accounts and roles"). */
  STAFF_ACCOUNTS: optionalText,
  /** How often a running function looks for a newly published knowledge snapshot (at most 30 s). */
  KNOWLEDGE_REFRESH_SECONDS: z.coerce.number().int().min(0).max(30).default(30),
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
  ZALO_OA_API_BASE: z.url().default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: z.url().default('https://oauth.zaloapp.com'),
  /** Sources disagree on the webhook MAC; see ../shared/reference/zalo.md §1. */
  ZALO_SIGNATURE_VARIANT: z
    .enum(['oa_secret_sha256', 'app_secret_sha256', 'oa_secret_hmac'])
    .default('oa_secret_sha256'),
  ZALO_BOT_TOKEN: optionalText,
  ZALO_BOT_SECRET_TOKEN: optionalText,
  ZALO_BOT_API_BASE: z.url().default('https://bot-api.zaloplatforms.com'),
  /** In AWS, the processor Lambda the webhook invokes with an `Event` invocation. */
  ZALO_PROCESSOR_FUNCTION: optionalText,

  SESSION_TTL_DAYS: positiveInt(30),
  TRANSCRIPT_RETENTION_DAYS: positiveInt(180),
  DOSSIER_RETENTION_DAYS: positiveInt(730),
  ADDRESS_RETENTION_DAYS: positiveInt(3650),
  /** The province's dossier code pattern (a regular expression source), see contract/nlu.md. */
  DOSSIER_CODE_PATTERN: optionalText,
  HANDOFF_SLA_MINUTES: positiveInt(15),
  RATE_LIMIT_PER_MINUTE: positiveInt(30),
  RATE_LIMIT_PER_ADDRESS_PER_MINUTE: positiveInt(120),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
});

export type AppConfig = Readonly<{
  tables: Readonly<Record<keyof typeof TABLES, string>>;
  dynamoEndpoint?: string;
  region: string;
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
  }>;
  retention: Readonly<{
    sessionDays: number;
    transcriptDays: number;
    dossierDays: number;
    addressDays: number;
  }>;
  dossierCodePattern?: string;
  handoffSlaMinutes: number;
  rateLimitPerMinute: number;
  rateLimitPerAddressPerMinute: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
}>;

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
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
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
    region: e.AWS_REGION,
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
    },
    retention: {
      sessionDays: e.SESSION_TTL_DAYS,
      transcriptDays: e.TRANSCRIPT_RETENTION_DAYS,
      dossierDays: e.DOSSIER_RETENTION_DAYS,
      addressDays: e.ADDRESS_RETENTION_DAYS,
    },
    dossierCodePattern: e.DOSSIER_CODE_PATTERN,
    handoffSlaMinutes: e.HANDOFF_SLA_MINUTES,
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
    rateLimitPerAddressPerMinute: e.RATE_LIMIT_PER_ADDRESS_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
  });
}
