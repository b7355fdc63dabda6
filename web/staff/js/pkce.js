// PKCE (RFC 7636) with the browser's own crypto: a random verifier, its S256 challenge, a random state.
// crypto.subtle exists only in secure contexts (HTTPS, or http://localhost / 127.0.0.1).

/** base64url without padding, as PKCE and OAuth parameters want it. */
export function base64Url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** `size` random bytes, base64url-encoded: 32 bytes give the 43 characters PKCE asks for at least. */
export function randomToken(size = 32) {
  return base64Url(crypto.getRandomValues(new Uint8Array(size)));
}

/** The S256 code challenge of a verifier: base64url(SHA-256(verifier)). */
export async function codeChallenge(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

/** True when this page may use crypto.subtle (the hosted sign-in needs it). */
export function pkceAvailable() {
  return Boolean(window.isSecureContext && globalThis.crypto?.subtle);
}
