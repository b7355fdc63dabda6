// JSON over fetch with the contract's error shape turned into typed errors the pages can show.

/** The API answered with `{error:{code,message}}` (or something else that was not 2xx). */
export class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** The request never got an answer (offline, DNS, CORS, timeout). Worth a retry. */
export class NetworkError extends Error {
  constructor(cause) {
    super('Không kết nối được tới máy chủ.');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

const fallbackMessage = 'Hệ thống đang bận, bạn vui lòng thử lại sau ít phút.';

/**
 * @param {string} url
 * @param {{method?: string, body?: unknown, token?: string | null, timeoutMs?: number, accept?: string}} [options]
 * @returns {Promise<Response>} a 2xx response
 */
export async function request(url, options = {}) {
  const { method = 'GET', body, token, timeoutMs = 15_000, accept = 'application/json' } = options;
  const headers = { accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
      cache: 'no-store',
    });
  } catch (error) {
    throw new NetworkError(error);
  }
  if (response.ok) return response;
  const payload = await response.json().catch(() => null);
  const error = payload && typeof payload === 'object' ? payload.error : null;
  const message =
    error && typeof error.message === 'string' && error.message ? error.message : fallbackMessage;
  const code = error && typeof error.code === 'string' ? error.code : `http_${response.status}`;
  throw new ApiError(response.status, code, message);
}

/** Like `request`, answering the parsed JSON body. */
export async function requestJson(url, options = {}) {
  const response = await request(url, options);
  if (response.status === 204) return null;
  try {
    return await response.json();
  } catch {
    throw new ApiError(response.status, 'bad_response', fallbackMessage);
  }
}
