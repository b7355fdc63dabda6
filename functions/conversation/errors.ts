/**
 * Errors of the conversation layer, named by their cause. They carry no HTTP status: the one
 * mapping to HTTP is `functions/http/errors.ts` (`toAppError`), so the conversation and channel
 * code never decide how a refusal looks on the wire.
 */
export class ConversationError extends Error {}

/** The citizen sent more than the session's budget, or more messages are in flight than we queue. */
export class RateLimitedError extends ConversationError {
  override readonly name = 'RateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super('rate limited');
  }
}

/**
 * The session stayed contended after every bounded retry of the optimistic commit (other turns of
 * the same conversation kept winning). Nothing of this turn was kept; the sender may try again.
 */
export class SessionBusyError extends ConversationError {
  override readonly name = 'SessionBusyError';
  constructor(readonly retryAfterSeconds = 1) {
    super('session busy');
  }
}

/** The thing asked for (an escalation…) does not exist. `message` is Vietnamese: people read it. */
export class NotFoundError extends ConversationError {
  override readonly name = 'NotFoundError';
}

export type ConflictReason = 'already_claimed' | 'already_resolved';

/** A staff action that lost to another (someone else claimed it, it is already resolved). */
export class ConflictError extends ConversationError {
  override readonly name = 'ConflictError';
  constructor(
    readonly reason: ConflictReason,
    message: string,
  ) {
    super(message);
  }
}
