import { header } from './request';
import type { HttpEvent, HttpResult } from './types';

/**
 * CORS for the citizen chat API only, and only for the origins the deployment lists
 * (`CORS_ALLOWED_ORIGINS`; none by default: the pages and the API share one origin). The staff and
 * integration APIs never answer CORS, so no other site's script can read them with a token it got.
 * Bearer tokens and no cookies: credentials are never allowed.
 */
export function corsHeaders(event: HttpEvent, allowed: readonly string[]): Record<string, string> {
  const origin = header(event, 'origin');
  if (!origin || !allowed.includes(origin)) return {};
  return { 'access-control-allow-origin': origin, vary: 'origin' };
}

/** The answer to a browser's preflight: the allowed origin's methods and headers, or nothing. */
export function preflight(event: HttpEvent, allowed: readonly string[]): HttpResult {
  const cors = corsHeaders(event, allowed);
  return {
    statusCode: 204,
    headers: cors['access-control-allow-origin']
      ? {
          ...cors,
          'access-control-allow-methods': 'GET,POST',
          'access-control-allow-headers': 'content-type',
          'access-control-max-age': '86400',
        }
      : { vary: 'origin' },
  };
}

export function withCors(result: HttpResult, event: HttpEvent, allowed: readonly string[]): HttpResult {
  const cors = corsHeaders(event, allowed);
  return Object.keys(cors).length ? { ...result, headers: { ...result.headers, ...cors } } : result;
}
