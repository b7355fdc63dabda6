import * as z from 'zod/mini';
import { ZaloApiError, ZaloTransportError } from './errors';
import { type Fetch, postForJson } from './http';

export const ZNS_ENDPOINT = '/message/template';

export interface ZnsMessage {
  /** International form without "+": 84912345678. */
  phone: string;
  templateId: string;
  templateData: Record<string, string>;
  /** Our id of the notice: Zalo keeps it with the message, so a repeat can be recognised. */
  trackingId: string;
}

const ZnsAnswerSchema = z.object({
  error: z.coerce.number(),
  message: z.optional(z.string()),
  data: z.optional(z.object({ msg_id: z.optional(z.string()) })),
});

/** "0912345678" → "84912345678": ZNS addresses phones in international form, without "+". */
export function znsPhone(national: string): string | undefined {
  const digits = national.replace(/\D/gu, '');
  if (/^84\d{9,10}$/u.test(digits)) return digits;
  if (/^0\d{9,10}$/u.test(digits)) return `84${digits.slice(1)}`;
  return undefined;
}

/**
 * Zalo Notification Service: `POST {ZALO_ZNS_API_BASE}/message/template` with the OA's access
 * token. As on the OA API, HTTP is 200 even on errors and the body's `error` decides.
 */
export class ZnsClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: Fetch = fetch,
    private readonly timeoutMs?: number,
  ) {}

  async send(accessToken: string, m: ZnsMessage): Promise<{ msgId?: string }> {
    const { body } = await postForJson(this.fetchImpl, new URL(ZNS_ENDPOINT, this.baseUrl).toString(), {
      headers: { access_token: accessToken, 'content-type': 'application/json' },
      body: JSON.stringify({
        phone: m.phone,
        template_id: m.templateId,
        template_data: m.templateData,
        tracking_id: m.trackingId,
      }),
      ...(this.timeoutMs ? { timeoutMs: this.timeoutMs } : {}),
    });
    const parsed = ZnsAnswerSchema.safeParse(body);
    if (!parsed.success) throw new ZaloTransportError('unexpected ZNS answer shape');
    if (parsed.data.error !== 0) throw new ZaloApiError(parsed.data.error, ZNS_ENDPOINT);
    return parsed.data.data?.msg_id ? { msgId: parsed.data.data.msg_id } : {};
  }
}
