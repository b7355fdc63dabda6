// What the deployment tells the console at run time: `/config.json`, written by the CDK stack
// (infra/assistant-stack.ts) next to the pages. On this machine there is none (404): the console then
// signs in with the pasted STAFF_TOKEN, as it does when the file says `staffAuth.type: "token"`, and
// calls the API on its own origin.

import { apiBaseFrom, fetchDeployedConfig } from '../../js/api-base.js';

const TOKEN_AUTH = Object.freeze({ type: 'token' });

/**
 * @typedef {{type: 'token'}
 *   | {type: 'cognito', clientId: string, authOrigin: string, redirectUri: string, scopes: string[]}
 *   | {type: 'invalid'}} StaffAuthConfig
 * @typedef {{apiBase: string, staffAuth: StaffAuthConfig}} RuntimeConfig
 */

/** @returns {Promise<RuntimeConfig>} */
export async function loadRuntimeConfig() {
  return parseRuntimeConfig(await fetchDeployedConfig());
}

/** @returns {RuntimeConfig} */
export function parseRuntimeConfig(raw) {
  const config = raw && typeof raw === 'object' ? raw : {};
  const apiBase = apiBaseFrom(config);
  const auth =
    config.staffAuth && typeof config.staffAuth === 'object' ? config.staffAuth : { type: 'token' };
  if (auth.type !== 'cognito') return { apiBase, staffAuth: TOKEN_AUTH };
  return { apiBase, staffAuth: parseCognito(auth) };
}

/** @returns {StaffAuthConfig} */
function parseCognito(auth) {
  const text = (value) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  const clientId = text(auth.clientId);
  // The stack writes the domain's base URL (`https://<prefix>.auth.<region>.amazoncognito.com`);
  // a bare host name is accepted too. Only HTTPS: the tokens travel through it.
  const domain = text(auth.signInDomain);
  const authOrigin = domain ? httpsOrigin(domain.includes('://') ? domain : `https://${domain}`) : null;
  // Kept exactly as written: Cognito compares it, character for character, with the client's callback URL.
  const redirectUri = text(auth.redirectUri) && httpUrl(auth.redirectUri) ? text(auth.redirectUri) : null;
  const scopes = Array.isArray(auth.scopes)
    ? auth.scopes.filter((s) => typeof s === 'string' && /^[\w.:/-]+$/.test(s))
    : [];
  if (!clientId || !authOrigin || !redirectUri) return { type: 'invalid' };
  return {
    type: 'cognito',
    clientId,
    authOrigin,
    redirectUri,
    scopes: scopes.length ? scopes : ['openid', 'email', 'profile'],
  };
}

function httpUrl(raw) {
  if (typeof raw !== 'string' || !raw.trim()) return null;
  try {
    const url = new URL(raw.trim(), window.location.href);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function httpsOrigin(raw) {
  try {
    const url = new URL(raw);
    return url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
