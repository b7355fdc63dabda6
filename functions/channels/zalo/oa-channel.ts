import type { ChatMessage } from '../../conversation/model';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import { redactText } from '../../shared/redact';
import { type SendOutcome, sendPartOnce, userTag, type ZaloChannel } from './channel';
import { describeZaloCode, ZaloApiError } from './errors';
import type { OaApiClient, OaMessage } from './oa-client';
import type { RecipientStore } from './recipient-store';
import { parseChoiceNumber, renderForOa } from './render';
import { type RetryPolicy, withBackoff } from './retry';
import type { TokenManager } from './token-manager';

export interface OaChannelOptions {
  client: OaApiClient;
  tokens: TokenManager;
  recipients: RecipientStore;
  clock: Clock;
  log: Logger;
  retry: RetryPolicy;
}

class RecipientRefused extends Error {
  constructor(readonly code: number) {
    super(`recipient refused: ${code}`);
  }
}

/**
 * The Official Account adapter: renders messages (≤ 2,000 characters, ≤ 3 buttons or a numbered
 * list), sends them through `/v3.0/oa/message/cs`, and applies the reference's retry policy:
 * back off on network errors, 5xx and -32; refresh the token once on -216/-220; never retry a
 * refused recipient — mark them unreachable instead.
 */
export interface UserInfoCard {
  /** At most 100 characters. */
  title: string;
  /** At most 500 characters. */
  subtitle: string;
  /** The card's picture (Zalo requires one). */
  imageUrl: string;
}

/** Suggested wording of the consent card; the picture is the province's to choose. */
export const DEFAULT_USER_INFO_CARD = {
  title: 'Chia sẻ số điện thoại để tra cứu hồ sơ',
  subtitle:
    'Bạn có thể chia sẻ số điện thoại Zalo để trợ lý xác minh khi tra cứu hồ sơ của bạn. Thông tin chỉ dùng cho việc này.',
} as const;

export interface OaChannel extends ZaloChannel {
  /** Sends the `request_user_info` card; the citizen's answer arrives as `user_submit_info`. */
  requestUserInfo(userId: string, card: UserInfoCard): Promise<SendOutcome>;
}

export function createOaChannel(o: OaChannelOptions): OaChannel {
  async function sendOne(token: { value: string; refreshed: boolean }, userId: string, message: OaMessage) {
    for (;;) {
      try {
        return await withBackoff(o.retry, () => o.client.sendCs(token.value, userId, message));
      } catch (error) {
        if (!(error instanceof ZaloApiError)) throw error;
        if (error.policy === 'refresh_token' && !token.refreshed) {
          o.log.warn('zalo_token_rejected', { code: error.code });
          token.value = await o.tokens.refresh(token.value);
          token.refreshed = true;
          continue;
        }
        if (error.policy === 'unreachable') throw new RecipientRefused(error.code);
        throw error;
      }
    }
  }

  /** A citizen Zalo will not deliver to (-213, -227, -230, -232, -244): remembered, never retried. */
  async function markRefused(userId: string, error: RecipientRefused): Promise<string> {
    const reason = describeZaloCode(error.code);
    const now = o.clock.now();
    await o.recipients.markUnreachable(
      'zalo',
      userId,
      { code: error.code, reason, at: now.toISOString() },
      now,
    );
    return reason;
  }

  return {
    name: 'zalo',
    async send(userId, messages, progress): Promise<SendOutcome> {
      const access = await o.tokens.accessToken();
      if (!access) {
        logNotSent(o.log, 'zalo', userId, messages);
        return { status: 'not_configured' };
      }
      const token = { value: access, refreshed: false };
      let parts = 0;
      let delivered = 0;
      for (const [index, m] of messages.entries()) {
        const rendered = renderForOa(m);
        const skip = index === 0 ? (progress?.skipParts ?? 0) : 0;
        try {
          for (const [i, text] of rendered.parts.entries()) {
            if (i < skip) continue;
            const last = i === rendered.parts.length - 1;
            const body: OaMessage =
              last && rendered.buttons.length
                ? { text, attachment: { type: 'template', payload: { buttons: rendered.buttons } } }
                : { text };
            // Before the last part, so that its record settles the whole message (one write).
            if (last && !progress?.choicesInSession)
              await rememberChoices(o.recipients, 'zalo', userId, rendered.choices, m, o.clock.now());
            await sendPartOnce(o.log, 'zalo', userId, () => sendOne(token, userId, body));
            parts++;
            await progress?.onPart?.(index, i + 1, last);
          }
        } catch (error) {
          if (!(error instanceof RecipientRefused)) throw error;
          const reason = await markRefused(userId, error);
          o.log.warn('zalo_recipient_unreachable', { user: userTag(userId), code: error.code, reason });
          return { status: 'unreachable', code: error.code, reason, delivered };
        }
        delivered++;
      }
      // Counted as the ZaloSends metric (functions/shared/metrics.ts).
      o.log.info('zalo_sent', { channel: 'zalo', user: userTag(userId), parts });
      return { status: 'sent', parts };
    },
    async resolveChoice(userId, text) {
      const n = parseChoiceNumber(text);
      return n === undefined ? undefined : o.recipients.choice('zalo', userId, n);
    },
    async requestUserInfo(userId, card): Promise<SendOutcome> {
      const access = await o.tokens.accessToken();
      if (!access) {
        o.log.info('zalo_reply_not_sent', {
          channel: 'zalo',
          user: userTag(userId),
          card: 'request_user_info',
        });
        return { status: 'not_configured' };
      }
      const body: OaMessage = {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'request_user_info',
            elements: [
              {
                title: card.title.slice(0, 100),
                subtitle: card.subtitle.slice(0, 500),
                image_url: card.imageUrl,
              },
            ],
          },
        },
      };
      try {
        await sendOne({ value: access, refreshed: false }, userId, body);
        return { status: 'sent', parts: 1 };
      } catch (error) {
        if (!(error instanceof RecipientRefused)) throw error;
        const reason = await markRefused(userId, error);
        return { status: 'unreachable', code: error.code, reason, delivered: 0 };
      }
    },
  };
}

/**
 * A numbered list replaces the previous one; new buttons make an older list stale. For a push
 * (a staff reply, a notice): a turn's replies have theirs committed with the turn.
 */
export async function rememberChoices(
  recipients: RecipientStore,
  channel: 'zalo' | 'zalo_bot',
  userId: string,
  choices: string[] | undefined,
  message: ChatMessage,
  now: Date,
): Promise<void> {
  if (choices?.length) await recipients.saveChoices(channel, userId, choices, now);
  else if (message.quickReplies?.length) await recipients.clearChoices(channel, userId);
}

/** Without credentials the replies are logged, never sent: lengths always, a redacted preview at debug. */
export function logNotSent(
  log: Logger,
  channel: 'zalo' | 'zalo_bot',
  userId: string,
  messages: ChatMessage[],
): void {
  for (const m of messages) {
    log.info('zalo_reply_not_sent', {
      channel,
      user: userTag(userId),
      chars: m.text.length,
      quickReplies: m.quickReplies?.length ?? 0,
      links: m.links?.length ?? 0,
    });
    log.debug('zalo_reply_preview', { channel, preview: redactText(m.text.slice(0, 300)) });
  }
}
