// Staff sign-in through the Cognito hosted UI (in AWS): OAuth 2.0 authorization code with PKCE, for a
// public client (static files hold no secret). The verifier and `state` wait in sessionStorage during the
// round trip; the tokens stay in sessionStorage (this tab only, gone when it closes).
//
// The console sends the ID token as `Authorization: Bearer …`: API Gateway's JWT authorizer checks its
// `aud` against the console's client id, and the staff Lambda reads the person's name from its claims
// (an access token carries neither `aud` nor `name`).

import { codeChallenge, pkceAvailable, randomToken } from './pkce.js';

const pendingKey = 'tro-ly-ao.staff-oauth-pending';
const tokensKey = 'tro-ly-ao.staff-oauth-tokens';
/** A sign-in started longer ago than this is not completed (Cognito's codes live 5 minutes anyway). */
const pendingTtlMs = 10 * 60_000;
/** Tokens this close to expiry are renewed before use. */
const expirySlackMs = 2 * 60_000;

/** Something a staff member should read (Vietnamese), from any step of the sign-in. */
export class SignInError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SignInError';
  }
}

const messages = {
  noCrypto:
    'Trình duyệt không hỗ trợ đăng nhập an toàn trên địa chỉ này. Vui lòng mở bảng điều khiển qua HTTPS.',
  badState: 'Phiên đăng nhập không hợp lệ hoặc đã quá hạn. Vui lòng đăng nhập lại.',
  refused: 'Đăng nhập không thành công. Vui lòng thử lại.',
  exchange: 'Không hoàn tất được đăng nhập. Vui lòng thử lại.',
  network: 'Không kết nối được tới máy chủ đăng nhập. Vui lòng thử lại.',
};

function readJson(key) {
  try {
    const raw = window.sessionStorage.getItem(key);
    return raw ? JSON.parse(raw) : null;
  } catch {
    return null;
  }
}

function writeJson(key, value) {
  try {
    if (value === null) window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Without sessionStorage the sign-in cannot survive the redirect; the callback then says so.
  }
}

/**
 * @typedef {{idToken: string, accessToken: string, refreshToken: string | null, expiresAt: number}} Tokens
 * @param {{clientId: string, authOrigin: string, redirectUri: string, scopes: string[]}} config
 */
export function createCognitoAuth(config) {
  const { clientId, authOrigin, redirectUri, scopes } = config;

  /** POSTs a form to the token endpoint; answers the parsed tokens or throws a SignInError. */
  async function tokenRequest(fields, previous) {
    let response;
    try {
      response = await fetch(`${authOrigin}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ client_id: clientId, ...fields }).toString(),
        cache: 'no-store',
        signal: AbortSignal.timeout(15_000),
      });
    } catch {
      throw new SignInError(messages.network);
    }
    const body = await response.json().catch(() => null);
    const idToken = body?.id_token;
    const accessToken = body?.access_token;
    const expiresIn = Number(body?.expires_in);
    if (!response.ok || typeof idToken !== 'string' || typeof accessToken !== 'string') {
      throw new SignInError(messages.exchange);
    }
    /** @type {Tokens} */
    const tokens = {
      idToken,
      accessToken,
      // A refresh answers no new refresh token: the one from the sign-in stays in use.
      refreshToken:
        typeof body.refresh_token === 'string' ? body.refresh_token : (previous?.refreshToken ?? null),
      expiresAt: Date.now() + (Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn : 3600) * 1000,
    };
    writeJson(tokensKey, tokens);
    return tokens;
  }

  /** The kept tokens, or null. @returns {Tokens | null} */
  function storedTokens() {
    const tokens = readJson(tokensKey);
    return tokens && typeof tokens.idToken === 'string' && Number.isFinite(tokens.expiresAt) ? tokens : null;
  }

  return {
    storedTokens,

    /** Leaves for the hosted sign-in page; it comes back to `redirectUri` with `?code=…&state=…`. */
    async beginSignIn() {
      if (!pkceAvailable()) throw new SignInError(messages.noCrypto);
      const verifier = randomToken(32);
      const state = randomToken(16);
      writeJson(pendingKey, { verifier, state, startedAt: Date.now() });
      const url = new URL('/oauth2/authorize', authOrigin);
      url.search = new URLSearchParams({
        response_type: 'code',
        client_id: clientId,
        redirect_uri: redirectUri,
        scope: scopes.join(' '),
        state,
        code_challenge: await codeChallenge(verifier),
        code_challenge_method: 'S256',
      }).toString();
      window.location.assign(url.href);
    },

    /**
     * When this page is the hosted UI's callback: checks `state`, exchanges the code with the verifier,
     * keeps the tokens. Answers null when the page was not opened by a callback.
     * @returns {Promise<Tokens | null>}
     */
    async completeSignIn() {
      const params = new URLSearchParams(window.location.search);
      if (!params.has('code') && !params.has('error')) return null;
      // The code is single-use and must not stay in the address bar, the history or a bookmark.
      window.history.replaceState(null, '', window.location.pathname + window.location.hash);
      const pending = readJson(pendingKey);
      writeJson(pendingKey, null);
      const state = params.get('state');
      const fresh = pending && Date.now() - Number(pending.startedAt) < pendingTtlMs;
      if (!fresh || typeof pending.state !== 'string' || !state || state !== pending.state) {
        throw new SignInError(messages.badState);
      }
      const code = params.get('code');
      if (params.has('error') || !code) throw new SignInError(messages.refused);
      return tokenRequest({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: pending.verifier,
      });
    },

    /** True when the tokens are good for at least a couple more minutes. */
    isFresh(tokens) {
      return Boolean(tokens) && tokens.expiresAt - expirySlackMs > Date.now();
    },

    /** New ID/access tokens from the refresh token (valid 12 hours); throws a SignInError. */
    async refresh(tokens) {
      if (!tokens?.refreshToken) throw new SignInError(messages.badState);
      return tokenRequest({ grant_type: 'refresh_token', refresh_token: tokens.refreshToken }, tokens);
    },

    /** The bearer the API expects (see the note at the top). */
    bearer(tokens) {
      return tokens.idToken;
    },

    /** Forgets the tokens in this tab only (an expired session). */
    forget() {
      writeJson(tokensKey, null);
    },

    /**
     * Signs out everywhere: revokes the refresh token (best effort), forgets the tokens, and ends the
     * hosted UI's own session through `/logout`, which returns to the console.
     */
    async signOut(tokens = storedTokens()) {
      writeJson(tokensKey, null);
      writeJson(pendingKey, null);
      if (tokens?.refreshToken) {
        await fetch(`${authOrigin}/oauth2/revoke`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token: tokens.refreshToken, client_id: clientId }).toString(),
          signal: AbortSignal.timeout(3_000),
        }).catch(() => {});
      }
      const url = new URL('/logout', authOrigin);
      url.search = new URLSearchParams({ client_id: clientId, logout_uri: redirectUri }).toString();
      window.location.assign(url.href);
    },
  };
}
