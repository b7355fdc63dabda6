// The web chat's session id: random, 22 characters of A-Za-z0-9_- (the contract allows 8 to 64),
// kept in localStorage so a reload (or the widget on another page of the same site) continues the chat.

const storageKey = 'tro-ly-ao.session-id';
const validId = /^[A-Za-z0-9_-]{16,64}$/;
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function newSessionId(length = 22) {
  const bytes = crypto.getRandomValues(new Uint8Array(length));
  // 256 is a multiple of 64, so `& 63` keeps every character equally likely.
  return Array.from(bytes, (byte) => alphabet[byte & 63]).join('');
}

function storage() {
  // Storage can be blocked (private modes, third-party iframes); the chat then lives as long as the tab.
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

/** Returns the stored session id, creating and storing one on the first visit. */
export function loadSessionId() {
  const store = storage();
  let id = null;
  try {
    id = store?.getItem(storageKey) ?? null;
  } catch {
    id = null;
  }
  if (id && validId.test(id)) return id;
  const fresh = newSessionId();
  try {
    store?.setItem(storageKey, fresh);
  } catch {
    // Keep the in-memory id.
  }
  return fresh;
}
