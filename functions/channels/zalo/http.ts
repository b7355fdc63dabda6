import { ZaloTransportError } from './errors';

export type Fetch = typeof fetch;

/** Every call to Zalo is bounded: a hung connection must not hold a Lambda until its timeout. */
export const DEFAULT_TIMEOUT_MS = 8_000;

/**
 * POSTs and reads a JSON answer. Network failures, timeouts, 5xx and unreadable bodies become
 * ZaloTransportError (transient); any other status is returned with its parsed body, because the
 * Zalo APIs report their errors in the body.
 */
export async function postForJson(
  fetchImpl: Fetch,
  url: string,
  init: { headers: Record<string, string>; body: string; timeoutMs?: number },
): Promise<{ status: number; body: unknown; headers: Headers }> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers: init.headers,
      body: init.body,
      signal: AbortSignal.timeout(init.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    // The message may carry the URL, which holds the bot token: keep only the error's kind.
    const kind = error instanceof Error ? error.name : 'unknown';
    // A time-out means the request was sent and its answer did not come: it may have been acted on.
    throw new ZaloTransportError(`request failed: ${kind}`, undefined, kind === 'TimeoutError');
  }
  if (response.status >= 500) {
    await response.body?.cancel().catch(() => undefined);
    throw new ZaloTransportError(`server error ${response.status}`, response.status);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new ZaloTransportError(`unreadable answer (HTTP ${response.status})`, response.status);
  }
  return { status: response.status, body, headers: response.headers };
}
