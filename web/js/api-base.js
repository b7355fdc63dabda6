// Where the API lives. Only the deployment decides: `/config.json` next to the pages (written by the
// CDK stack; `apiBase: ""` means this origin, where CloudFront forwards /api/*), else — no such file,
// as on `npm start` — the page's own origin. Never the page's URL or anything else a link can set:
// `/staff?api=https://evil.example` would send a staff member's token, and `/?api=…` a citizen's
// conversation, to that host (issue 14). The Content-Security-Policy's `connect-src` backs this up.

import { safeHttpUrl } from './dom.js';

/** The deployment's `/config.json`, or null when there is none (a local run) or it is unreadable. */
export async function fetchDeployedConfig() {
  try {
    const response = await fetch('/config.json', {
      cache: 'no-store',
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) return null;
    const config = await response.json();
    return config && typeof config === 'object' ? config : null;
  } catch {
    return null;
  }
}

/** The API base a deployment's configuration names, or this page's origin. */
export function apiBaseFrom(config) {
  const configured =
    typeof config?.apiBase === 'string' && config.apiBase.trim() ? config.apiBase.trim() : null;
  const url = configured ? safeHttpUrl(configured) : null;
  return (url ?? window.location.origin).replace(/\/+$/, '');
}

/** Reads the deployment's configuration once and returns the API base. */
export async function loadApiBase() {
  return apiBaseFrom(await fetchDeployedConfig());
}
