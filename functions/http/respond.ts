import type { Logger } from '../shared/logger';
import { AppError, toAppError } from './errors';
import type { HttpResult } from './types';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { statusCode, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

/** A plain success: what a webhook answers once it has taken an event in. */
export const ok = (body: unknown): HttpResult => json(200, body);

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** The one place errors become HTTP. Unknown errors are logged and answered as a generic 500. */
export function toHttpResult(thrown: unknown, log: Logger): HttpResult {
  const error = toAppError(thrown);
  if (error instanceof AppError) {
    return json(error.status, errorBody(error.code, error.message), error.headers);
  }
  log.error('unhandled_error', {
    error:
      error instanceof Error
        ? {
            errorType: error.name, // not `name`: the redactor masks any field called name
            message: error.message,
            stack: error.stack?.split('\n').slice(0, 6).join(' | '),
          }
        : String(error),
  });
  return json(500, errorBody('internal_error', 'Đã có lỗi xảy ra. Vui lòng thử lại sau.'));
}
