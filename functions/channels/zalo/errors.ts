/**
 * Typed failures of the Zalo APIs. The OA API answers HTTP 200 even on errors, so these are built
 * from the body's `error` code; the policy table below says what each code means for a retry.
 */
export type ZaloErrorPolicy = 'retry' | 'refresh_token' | 'unreachable' | 'fail';

/** Recipient problems: retrying cannot help; the citizen is marked unreachable instead. */
export const UNREACHABLE_CODES: ReadonlySet<number> = new Set([-213, -227, -230, -232, -244]);
/** The access token is invalid or expired: refresh it once, then retry. */
export const TOKEN_CODES: ReadonlySet<number> = new Set([-216, -220]);
/** Rate limit (4,000 requests a minute per app): back off and retry. */
export const RATE_LIMIT_CODE = -32;

/** Short English reasons, for logs and for the undelivered records staff may read. */
const REASONS: Record<number, string> = {
  [-32]: 'rate limit exceeded',
  [-201]: 'invalid parameter',
  [-204]: 'OA disabled',
  [-205]: 'OA does not exist',
  [-209]: 'app inactive',
  [-211]: 'out of quota',
  [-212]: 'API not registered for the app',
  [-213]: 'user is not a follower',
  [-216]: 'access token invalid',
  [-218]: 'user receive limit reached',
  [-219]: 'app disabled',
  [-220]: 'access token expired',
  [-221]: 'OA not verified',
  [-223]: 'API not authorised by the OA',
  [-224]: 'tier package required',
  [-227]: 'user banned or inactive for more than 45 days',
  [-230]: 'no interaction in the last 7 days',
  [-232]: 'interaction expired',
  [-233]: 'message type not supported',
  [-234]: 'night-time send not allowed',
  [-240]: 'v2 message API shut down',
  [-244]: 'user restricted this message type',
  [-248]: 'policy violation',
  [-320]: 'no Zalo Cloud Account',
  [-321]: 'Zalo Cloud Account has no balance',
};

export function describeZaloCode(code: number): string {
  return REASONS[code] ?? 'unknown error';
}

export function policyForCode(code: number): ZaloErrorPolicy {
  if (code === RATE_LIMIT_CODE) return 'retry';
  if (TOKEN_CODES.has(code)) return 'refresh_token';
  if (UNREACHABLE_CODES.has(code)) return 'unreachable';
  return 'fail';
}

/** The OA API answered with a non-zero `error` in its body. */
export class ZaloApiError extends Error {
  override readonly name = 'ZaloApiError';
  readonly policy: ZaloErrorPolicy;
  constructor(
    readonly code: number,
    readonly endpoint: string,
  ) {
    super(`Zalo OA API ${endpoint} failed: ${code} (${describeZaloCode(code)})`);
    this.policy = policyForCode(code);
  }
}

/**
 * Network failure, timeout, 5xx or an unreadable body. Transient, worth a bounded retry — except
 * when `ambiguous`: the request went out and no answer came back in time, so Zalo may well have
 * delivered it. The OA send API has no idempotency key, so that is "maybe delivered", never re-sent.
 */
export class ZaloTransportError extends Error {
  override readonly name = 'ZaloTransportError';
  constructor(
    message: string,
    readonly status?: number,
    readonly ambiguous = false,
  ) {
    super(message);
  }
}

/** The OAuth server refused a code or refresh token: an admin must (re)authorise the OA. */
export class ZaloAuthorizationError extends Error {
  override readonly name = 'ZaloAuthorizationError';
  constructor(
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

/** The Bot Platform answered `{ok:false}`. */
export class ZaloBotApiError extends Error {
  override readonly name = 'ZaloBotApiError';
  constructor(
    readonly code: number,
    readonly description: string,
    readonly method: string,
  ) {
    super(`Zalo Bot API ${method} failed: ${code}`);
  }
}

/** True for failures a bounded back-off may cure. */
export function isTransient(error: unknown): boolean {
  if (error instanceof ZaloTransportError) return !error.ambiguous;
  if (error instanceof ZaloApiError) return error.policy === 'retry';
  if (error instanceof ZaloBotApiError) return error.code === 429 || error.code >= 500;
  return false;
}
