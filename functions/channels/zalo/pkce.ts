import { createHash, randomBytes } from 'node:crypto';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random alphanumeric text without modulo bias (rejection sampling). */
export function randomAlphanumeric(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const b of randomBytes(length * 2)) {
      if (b < 248 && out.length < length) out += ALPHANUMERIC[b % 62];
    }
  }
  return out;
}

/** Zalo's verifier: 43 alphanumeric characters (reference §3). */
export const createCodeVerifier = (): string => randomAlphanumeric(43);

/** base64url(sha256(verifier)) without padding. */
export const codeChallenge = (verifier: string): string =>
  createHash('sha256').update(verifier, 'ascii').digest('base64url');

/**
 * The admin's consent URL. `state` is its own query parameter, as Zalo's SDKs pass it, and comes
 * back on the callback; the redirect URI is sent exactly as registered in the Zalo app, because
 * Zalo refuses a changed one (-14003).
 */
export function authorizationUrl(options: {
  oauthBase: string;
  appId: string;
  redirectUri: string;
  verifier: string;
  state: string;
}): string {
  const url = new URL('/v4/oa/permission', options.oauthBase);
  url.searchParams.set('app_id', options.appId);
  url.searchParams.set('redirect_uri', options.redirectUri);
  url.searchParams.set('code_challenge', codeChallenge(options.verifier));
  url.searchParams.set('state', options.state);
  return url.toString();
}
