import { ConflictError, NotFoundError, RateLimitedError, SessionBusyError } from '../conversation/errors';

/**
 * Typed errors. Domain code throws these; one place (`toHttpResult`) maps them to the contract's
 * `{"error":{"code","message"}}` shape. Messages are Vietnamese because people read them.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 503;

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string) => new AppError(400, code, message);
export const unauthorized = (message = 'Thiếu hoặc sai thông tin xác thực.') =>
  new AppError(401, 'unauthorized', message, { 'www-authenticate': 'Bearer' });
export const forbidden = (message = 'Bạn không có quyền thực hiện thao tác này.') =>
  new AppError(403, 'forbidden', message);
export const notFound = (message = 'Không tìm thấy.') => new AppError(404, 'not_found', message);
export const conflict = (code: string, message: string) => new AppError(409, code, message);
export const tooLarge = (code: string, message: string) => new AppError(413, code, message);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new AppError(429, 'too_many_requests', 'Bạn gửi quá nhanh. Vui lòng thử lại sau giây lát.', {
    'retry-after': String(Math.max(1, Math.ceil(retryAfterSeconds))),
  });
export const unavailable = (message = 'Hệ thống đang bận. Vui lòng thử lại sau.') =>
  new AppError(503, 'unavailable', message);
export const methodNotAllowed = () =>
  new AppError(405, 'method_not_allowed', 'Phương thức không được hỗ trợ.');

/**
 * The one mapping from the conversation layer's errors (named by cause) to HTTP. Anything else is
 * returned as it is: an AppError already says its status; an unknown error becomes a 500 upstream.
 */
export function toAppError(error: unknown): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof RateLimitedError) return tooManyRequests(error.retryAfterSeconds);
  if (error instanceof SessionBusyError)
    return new AppError(
      429,
      'too_many_requests',
      'Tin nhắn của bạn đang được xử lý. Vui lòng gửi lại sau giây lát.',
      { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) },
    );
  if (error instanceof NotFoundError) return notFound(error.message);
  if (error instanceof ConflictError) return conflict(error.reason, error.message);
  return error;
}
