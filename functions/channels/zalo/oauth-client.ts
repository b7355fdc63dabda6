import * as z from 'zod/mini';
import { ZaloAuthorizationError, ZaloTransportError } from './errors';
import { type Fetch, postForJson } from './http';

export const TOKEN_ENDPOINT = '/v4/oa/access_token';

/** `expires_in` is a string ("90000", i.e. 25 h); accepted as a number too. */
const GrantSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  refresh_token: z.string().check(z.minLength(1)),
  expires_in: z.optional(
    z.pipe(
      z.pipe(
        z.union([z.string(), z.number()]),
        z.transform((v) => Number(v)),
      ),
      z.number().check(z.positive()),
    ),
  ),
});

export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  /** Seconds; absent when Zalo did not say. */
  expiresIn?: number;
}

/**
 * OAuth v4 for Official Accounts (reference §3): the code exchange and the refresh share one
 * endpoint, form-encoded, authenticated by the App Secret in a `secret_key` header. Any non-zero
 * `error` (or no token in the answer) means an admin must authorise the OA again.
 */
export class ZaloOAuthClient {
  constructor(
    private readonly baseUrl: string,
    private readonly appId: string,
    private readonly appSecret: string,
    private readonly fetchImpl: Fetch = fetch,
  ) {}

  exchangeCode(code: string, codeVerifier: string): Promise<TokenGrant> {
    return this.grant({
      code,
      app_id: this.appId,
      grant_type: 'authorization_code',
      code_verifier: codeVerifier,
    });
  }

  refresh(refreshToken: string): Promise<TokenGrant> {
    return this.grant({ refresh_token: refreshToken, app_id: this.appId, grant_type: 'refresh_token' });
  }

  private async grant(form: Record<string, string>): Promise<TokenGrant> {
    const { body } = await postForJson(this.fetchImpl, new URL(TOKEN_ENDPOINT, this.baseUrl).toString(), {
      headers: { secret_key: this.appSecret, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    if (!body || typeof body !== 'object') throw new ZaloTransportError('unexpected OAuth answer');
    const error = Number((body as { error?: unknown }).error ?? 0);
    const parsed = GrantSchema.safeParse(body);
    if (error !== 0 || !parsed.success) {
      throw new ZaloAuthorizationError(
        `Zalo OAuth refused the grant${error ? ` (${error})` : ''}`,
        error || undefined,
      );
    }
    return {
      accessToken: parsed.data.access_token,
      refreshToken: parsed.data.refresh_token,
      ...(parsed.data.expires_in ? { expiresIn: parsed.data.expires_in } : {}),
    };
  }
}
