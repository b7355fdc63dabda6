import type { HttpEvent } from '../../functions/http/types';

/** An API Gateway HTTP API (payload v2) event, as the local server builds them. */
export function httpEvent(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; sourceIp?: string; query?: string } = {},
): HttpEvent {
  const query = options.query ?? '';
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: query,
    headers: { 'content-type': 'application/json', ...options.headers },
    queryStringParameters: Object.fromEntries(new URLSearchParams(query).entries()),
    ...(options.body !== undefined ? { body: options.body, isBase64Encoded: false } : {}),
    requestContext: {
      http: { method, path, sourceIp: options.sourceIp ?? '203.0.113.7' },
      requestId: `bench-${Date.now()}`,
    },
  };
}
