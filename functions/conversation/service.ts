import { createCitizenTurns } from './citizen-turns';
import type { OutboundDelivery } from './delivery';
import { createNotices } from './notices';
import { sessionAccess } from './session-updates';
import { createStaffActions } from './staff-actions';
import type { EngineDeps } from './turn';

export type { StaffIdentity } from './staff-actions';

export interface ConversationServiceOptions {
  rateLimitPerMinute: number;
  /** Turns of one session queued in one process at most (default 32); more are refused as rate limited. */
  maxQueuedPerSession?: number;
}

/**
 * The conversation layer as the handlers and channels see it: citizen turns, staff actions on a
 * handed-off conversation, and notices. Everything here is channel-agnostic, and its errors are
 * named by cause (functions/conversation/errors.ts); HTTP is decided in functions/http/errors.ts.
 */
export function createConversationService(
  deps: EngineDeps,
  delivery: OutboundDelivery,
  options: ConversationServiceOptions,
) {
  const sessions = sessionAccess(deps.stores, deps.clock);
  const notices = createNotices(deps.stores, deps.clock, deps.log, delivery);
  const citizens = createCitizenTurns(deps, sessions, options);
  const staff = createStaffActions(deps.stores, deps.clock, sessions, notices);
  return {
    handleInbound: citizens.handleInbound,
    listMessages: citizens.listMessages,
    claim: staff.claim,
    postStaffMessage: staff.postStaffMessage,
    resolve: staff.resolve,
    transfer: staff.transfer,
    notifyDossierChange: notices.notifyDossierChange,
    mutateSession: sessions.mutate,
    push: notices.push,
  };
}

export type ConversationService = ReturnType<typeof createConversationService>;
