import { createHash } from 'node:crypto';
import type { ChatMessage } from '../../conversation/model';
import type { Logger } from '../../shared/logger';
import { ZaloTransportError } from './errors';
import type { ZaloChannelName } from './recipient-store';

export type SendOutcome =
  /** Every message went out; `parts` API calls in all. */
  | { status: 'sent'; parts: number }
  /** No credentials configured: the replies were logged, not sent (contract: local default). */
  | { status: 'not_configured' }
  /** Zalo refused the recipient (not a follower, window closed, …); `delivered` messages went out first. */
  | { status: 'unreachable'; code: number; reason: string; delivered: number };

/**
 * Progress per part. A message longer than 2,000 characters goes out in several parts; a retried
 * job must resume after the last part Zalo acknowledged, not at the start of the message.
 */
export interface SendProgress {
  /** Parts of the first message that an earlier run already delivered (or may have). */
  skipParts?: number;
  /**
   * Called after each part of message `index` went out (or may have), before the next is sent.
   * `complete` on the message's last part: the channel has recorded all it keeps about the message
   * (its numbered choices) already, so the caller may record the whole message as settled at once.
   */
  onPart?: (index: number, partsDone: number, complete: boolean) => Promise<void>;
  /**
   * The numbered choices of these messages are in the session already (a turn's replies: the turn
   * committed them), so the channel does not record them again. A push records its own.
   */
  choicesInSession?: boolean;
}

/** One Zalo channel (the Official Account, or the Bot Platform) as the processor sees it. */
export interface ZaloChannel {
  readonly name: ZaloChannelName;
  send(userId: string, messages: ChatMessage[], progress?: SendProgress): Promise<SendOutcome>;
  /**
   * What a bare number the citizen typed means: the payload of that choice of the last list. A turn
   * resolves it from the session it loaded (session-state.ts) without asking the channel.
   */
  resolveChoice(userId: string, text: string): Promise<string | undefined>;
}

/** A stable pseudonym for logs: Zalo user ids identify a person across the OA. */
export const userTag = (userId: string): string =>
  createHash('sha256').update(`zalo:${userId}`).digest('hex').slice(0, 12);

/**
 * Sends one part; a time-out after the request went out is "maybe delivered": logged and counted
 * as sent, because sending the same text again could give the citizen two copies.
 */
export async function sendPartOnce(
  log: Logger,
  channel: ZaloChannelName,
  userId: string,
  send: () => Promise<unknown>,
): Promise<void> {
  try {
    await send();
  } catch (error) {
    if (!(error instanceof ZaloTransportError && error.ambiguous)) throw error;
    log.warn('zalo_send_maybe_delivered', { channel, user: userTag(userId), reason: error.message });
  }
}
