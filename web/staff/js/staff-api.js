// The staff API with the signed-in token (the pasted STAFF_TOKEN here, a Cognito ID token in AWS).
// A 401 anywhere means the token is no longer good: sign out.

import { ApiError, request, requestJson } from '../../js/http.js';

const tokenKey = 'tro-ly-ao.staff-token';

export function storedToken() {
  try {
    return window.sessionStorage.getItem(tokenKey);
  } catch {
    return null;
  }
}

export function storeToken(token) {
  try {
    if (token) window.sessionStorage.setItem(tokenKey, token);
    else window.sessionStorage.removeItem(tokenKey);
  } catch {
    // Without sessionStorage the console still works until the tab is reloaded.
  }
}

/**
 * @param {string} base API origin
 * @param {{token: string | (() => string | null), onUnauthorized: () => void}} options
 *   `token` may be a function: a Cognito session renews its token while the console stays open.
 */
export function createStaffApi(base, { token: tokenOption, onUnauthorized }) {
  const currentToken = typeof tokenOption === 'function' ? tokenOption : () => tokenOption;
  const guard = async (call) => {
    try {
      return await call();
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onUnauthorized();
      throw error;
    }
  };
  const url = (path, query) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== '' && value !== false)
        params.set(key, String(value));
    }
    const search = params.toString();
    return `${base}/api/staff${path}${search ? `?${search}` : ''}`;
  };
  return {
    get: (path, query) => guard(() => requestJson(url(path, query), { token: currentToken() })),
    /** `timeoutMs`: longer for the calls that build the knowledge index (submit, approve, rollback). */
    post: (path, body = {}, timeoutMs = undefined) =>
      guard(() =>
        requestJson(url(path), {
          method: 'POST',
          body,
          token: currentToken(),
          ...(timeoutMs ? { timeoutMs } : {}),
        }),
      ),
    put: (path, body = {}) =>
      guard(() => requestJson(url(path), { method: 'PUT', body, token: currentToken() })),
    /** Fetches with the bearer token and hands the file to the browser (a plain link cannot carry it). */
    download: (path, query, filename) =>
      guard(async () => {
        const response = await request(url(path, query), {
          token: currentToken(),
          accept: 'text/csv',
          timeoutMs: 60_000,
        });
        const blob = await response.blob();
        const href = URL.createObjectURL(blob);
        const anchor = document.createElement('a');
        anchor.href = href;
        anchor.download = filename;
        document.body.append(anchor);
        anchor.click();
        anchor.remove();
        setTimeout(() => URL.revokeObjectURL(href), 10_000);
      }),
  };
}

/** Checks a token before keeping it (the console's sign-in). */
export function verifyToken(base, token) {
  return requestJson(`${base}/api/staff/me`, { token });
}
