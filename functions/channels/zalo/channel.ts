import { createHash } from 'node:crypto';
import type { ChatMessage } from '../../conversation/model';
import type { ZaloChannelName } from './recipient-store';

export type SendOutcome =
  /** Every message went out; `parts` API calls in all. */
  | { status: 'sent'; parts: number }
  /** No credentials configured: the replies were logged, not sent (contract: local default). */
  | { status: 'not_configured' }
  /** Zalo refused the recipient (not a follower, window closed, …); `delivered` messages went out first. */
  | { status: 'unreachable'; code: number; reason: string; delivered: number };

/** One Zalo channel (the Official Account, or the Bot Platform) as the processor sees it. */
export interface ZaloChannel {
  readonly name: ZaloChannelName;
  send(userId: string, messages: ChatMessage[]): Promise<SendOutcome>;
  /** What a bare number the citizen typed means: the payload of that choice of the last list. */
  resolveChoice(userId: string, text: string): Promise<string | undefined>;
}

/** A stable pseudonym for logs: Zalo user ids identify a person across the OA. */
export const userTag = (userId: string): string =>
  createHash('sha256').update(`zalo:${userId}`).digest('hex').slice(0, 12);
