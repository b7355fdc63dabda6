import * as z from 'zod/mini';
import { ZaloBotApiError, ZaloTransportError } from './errors';
import { type Fetch, postForJson } from './http';

const BotAnswerSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({ ok: z.literal(false), error_code: z.coerce.number(), description: z.optional(z.string()) }),
]);

/**
 * Zalo Bot Platform: `POST {base}/bot<TOKEN>/<method>` with a JSON body. The token is part of the
 * URL, so URLs are never logged or put in error messages.
 */
export class BotApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly fetchImpl: Fetch = fetch,
  ) {}

  async call(method: string, payload: Record<string, unknown>): Promise<unknown> {
    const url = `${this.baseUrl.replace(/\/+$/u, '')}/bot${this.token}/${method}`;
    const { body, status } = await postForJson(this.fetchImpl, url, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    const parsed = BotAnswerSchema.safeParse(body);
    if (!parsed.success) throw new ZaloTransportError(`unexpected answer shape (HTTP ${status})`, status);
    if (!parsed.data.ok)
      throw new ZaloBotApiError(parsed.data.error_code, parsed.data.description ?? '', method);
    return parsed.data.result;
  }

  sendMessage(chatId: string, text: string): Promise<unknown> {
    return this.call('sendMessage', { chat_id: chatId, text });
  }
}
