import * as z from 'zod/mini';
import { ZaloApiError, ZaloTransportError } from './errors';
import { type Fetch, postForJson } from './http';
import { parseAnonymousRecipient } from './oa-events';
import type { OaButton } from './render';

export const CS_ENDPOINT = '/v3.0/oa/message/cs';

/** Bodies of `/v3.0/oa/message/cs`: no `template_type` on button messages (reference §2). */
export type OaMessage =
  | { text: string }
  | { text: string; attachment: { type: 'template'; payload: { buttons: OaButton[] } } }
  | {
      attachment: {
        type: 'template';
        payload: {
          template_type: 'request_user_info';
          elements: { title: string; subtitle: string; image_url: string }[];
        };
      };
    };

const SendAnswerSchema = z.object({
  error: z.coerce.number(),
  message: z.optional(z.string()),
  data: z.optional(z.object({ message_id: z.optional(z.string()), user_id: z.optional(z.string()) })),
});

/** A follower is answered by `user_id`; an anonymous sender by its anonymous and conversation ids. */
function recipientOf(userId: string): Record<string, string> {
  const anonymous = parseAnonymousRecipient(userId);
  return anonymous
    ? { anonymous_id: anonymous.anonymousId, conversation_id: anonymous.conversationId }
    : { user_id: userId };
}

export interface SendResult {
  messageId?: string;
}

/** The thin typed client of the OA send API. HTTP is 200 even on errors: the body decides. */
export class OaApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly fetchImpl: Fetch = fetch,
    private readonly timeoutMs?: number,
  ) {}

  async sendCs(accessToken: string, userId: string, message: OaMessage): Promise<SendResult> {
    const { body } = await postForJson(this.fetchImpl, new URL(CS_ENDPOINT, this.baseUrl).toString(), {
      headers: { access_token: accessToken, 'content-type': 'application/json' },
      body: JSON.stringify({ recipient: recipientOf(userId), message }),
      ...(this.timeoutMs ? { timeoutMs: this.timeoutMs } : {}),
    });
    const parsed = SendAnswerSchema.safeParse(body);
    if (!parsed.success) throw new ZaloTransportError('unexpected answer shape');
    if (parsed.data.error !== 0) throw new ZaloApiError(parsed.data.error, CS_ENDPOINT);
    return parsed.data.data?.message_id ? { messageId: parsed.data.data.message_id } : {};
  }
}
