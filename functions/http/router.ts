import { AppError, notFound } from './errors';
import type { HttpEvent, HttpResult } from './types';

export type RouteHandler = (event: HttpEvent, params: Record<string, string>) => Promise<HttpResult>;
interface Route {
  method: string;
  pattern: RegExp;
  keys: string[];
  handler: RouteHandler;
}

/**
 * A tiny path router: API Gateway routes `/{proxy+}` to a Lambda, and the Lambda dispatches on
 * method and path. `{name}` matches one path segment.
 */
export function createRouter() {
  const routes: Route[] = [];
  return {
    add(method: string, path: string, handler: RouteHandler) {
      const keys: string[] = [];
      const pattern = new RegExp(
        `^${path.replace(/\{(\w+)\}/gu, (_m, k: string) => {
          keys.push(k);
          return '([^/]+)';
        })}/?$`,
        'u',
      );
      routes.push({ method: method.toUpperCase(), pattern, keys, handler });
      return this;
    },
    async handle(event: HttpEvent): Promise<HttpResult> {
      const method = event.requestContext.http.method.toUpperCase();
      const path = event.rawPath;
      let pathMatched = false;
      for (const r of routes) {
        const m = r.pattern.exec(path);
        if (!m) continue;
        pathMatched = true;
        if (r.method !== method) continue;
        const params: Record<string, string> = {};
        r.keys.forEach((k, i) => {
          let v = m[i + 1] ?? '';
          try {
            v = decodeURIComponent(v);
          } catch {
            /* keep the raw segment; validation rejects it */
          }
          params[k] = v;
        });
        return r.handler(event, params);
      }
      if (pathMatched) throw new AppError(405, 'method_not_allowed', 'Phương thức không được hỗ trợ.');
      throw notFound('Không có đường dẫn này.');
    },
  };
}
