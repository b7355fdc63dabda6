import type { Node } from 'constructs';
import { z } from 'zod';

/**
 * The few choices the province's IT team makes at deploy time, read from CDK context
 * (`cdk.json`, or `-c key=value` on the command line) and validated here, once, with clear messages.
 * Secrets never travel through context: they are set in Secrets Manager after the first deployment.
 */
const commaList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter((s) => s !== ''));

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(?::\d{1,5})?$/u;
const ORIGIN_OR_ANY = /^(?:\*|https?:\/\/(?:\*\.)?[a-z0-9.-]+(?::\d{1,5})?)$/u;

const regexSource = z.string().refine(
  (source) => {
    try {
      new RegExp(source, 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not a valid regular expression' },
);

export const DeploySettingsSchema = z.object({
  /** CloudFormation stack name; a second copy (e.g. staging) in the same account needs another. */
  stackName: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9-]{0,127}$/, 'letters, digits and hyphens, starting with a letter')
    .default('TroLyAoDichVuCong'),
  /** Where alarm notifications are e-mailed (the subscription must be confirmed from the mail). */
  alarmEmail: z.email().optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /**
   * Other sites' origins allowed to call the citizen chat API from a browser (CORS). None by default:
   * the pages, the widget's chat and the API share CloudFront's origin. The staff and integration APIs
   * answer no CORS at all. Each entry is an exact origin (`https://host[:port]`); `*` is refused.
   */
  corsAllowedOrigins: commaList
    .pipe(z.array(z.string().regex(ORIGIN, 'an origin such as https://example.gov.vn')))
    .default([]),
  /**
   * Sites allowed to frame the citizen chat page (the widget's panel): the pages'
   * Content-Security-Policy `frame-ancestors`. `*` (the default) lets any site embed the widget; a
   * province lists its own sites to narrow it. The staff console can never be framed.
   */
  chatEmbedOrigins: commaList
    .pipe(z.array(z.string().regex(ORIGIN_OR_ANY, 'an origin such as https://example.gov.vn, or *')).min(1))
    .default(['*']),
  /** Prefix of the Cognito sign-in domain (`<prefix>.auth.<region>.amazoncognito.com`); unique per region. */
  staffSignInDomainPrefix: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lower-case letters, digits and hyphens')
    .refine((p) => !/aws|amazon|cognito/.test(p), 'must not contain aws, amazon or cognito')
    .optional(),
  /** Which webhook MAC the OA uses; see ../shared/reference/zalo.md §1 and functions/config/config.ts. */
  zaloSignatureVariant: z.enum(['oa_secret_sha256', 'app_secret_sha256', 'oa_secret_hmac']).optional(),
  /** The province's dossier code pattern, passed to the Lambdas as DOSSIER_CODE_PATTERN. */
  dossierCodePattern: regexSource.optional(),
  /** Steady-state and burst request rates of the whole HTTP API (requests per second). */
  apiRateLimit: z.coerce.number().int().positive().default(50),
  apiBurstLimit: z.coerce.number().int().positive().default(100),
});

export type DeploySettings = z.infer<typeof DeploySettingsSchema>;

export class DeploySettingsError extends Error {
  override readonly name = 'DeploySettingsError';
}

/** Reads the settings from the construct tree's context (cdk.json plus `-c`). */
export function readDeploySettings(node: Node): DeploySettings {
  const raw = Object.fromEntries(
    Object.keys(DeploySettingsSchema.shape).map((key) => [key, emptyToUndefined(node.tryGetContext(key))]),
  );
  const parsed = DeploySettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new DeploySettingsError(`Invalid deployment context: ${problems}`);
  }
  return parsed.data;
}

function emptyToUndefined(value: unknown): unknown {
  return value === '' || value === null ? undefined : value;
}
