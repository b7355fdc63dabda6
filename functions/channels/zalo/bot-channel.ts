import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { BotApiClient } from './bot-client';
import { type SendOutcome, sendPartOnce, userTag, type ZaloChannel } from './channel';
import { logNotSent, rememberChoices } from './oa-channel';
import type { RecipientStore } from './recipient-store';
import { parseChoiceNumber, renderForBot } from './render';
import { type RetryPolicy, withBackoff } from './retry';

export interface BotChannelOptions {
  /** Absent when no bot token is configured: replies are logged, not sent. */
  client?: BotApiClient;
  recipients: RecipientStore;
  clock: Clock;
  log: Logger;
  retry: RetryPolicy;
}

/**
 * The Bot Platform adapter: `sendMessage {chat_id, text}` with texts of at most 2,000 characters.
 * There are no buttons: quick replies become a numbered list, links become lines.
 */
export function createBotChannel(o: BotChannelOptions): ZaloChannel {
  return {
    name: 'zalo_bot',
    async send(userId, messages, progress): Promise<SendOutcome> {
      const client = o.client;
      if (!client) {
        logNotSent(o.log, 'zalo_bot', userId, messages);
        return { status: 'not_configured' };
      }
      let parts = 0;
      for (const [index, m] of messages.entries()) {
        const rendered = renderForBot(m);
        const skip = index === 0 ? (progress?.skipParts ?? 0) : 0;
        for (const [i, text] of rendered.parts.entries()) {
          if (i < skip) continue;
          const last = i === rendered.parts.length - 1;
          // Before the last part, so that its record settles the whole message (one write).
          if (last && !progress?.choicesInSession)
            await rememberChoices(o.recipients, 'zalo_bot', userId, rendered.choices, m, o.clock.now());
          await sendPartOnce(o.log, 'zalo_bot', userId, () =>
            withBackoff(o.retry, () => client.sendMessage(userId, text)),
          );
          parts++;
          await progress?.onPart?.(index, i + 1, last);
        }
      }
      // Counted as the ZaloSends metric (functions/shared/metrics.ts).
      o.log.info('zalo_sent', { channel: 'zalo_bot', user: userTag(userId), parts });
      return { status: 'sent', parts };
    },
    async resolveChoice(userId, text) {
      const n = parseChoiceNumber(text);
      return n === undefined ? undefined : o.recipients.choice('zalo_bot', userId, n);
    },
  };
}
