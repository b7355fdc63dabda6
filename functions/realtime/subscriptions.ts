import type { ChatMessage, SessionRef } from '../conversation/model';
import { publicMessage } from '../conversation/public-message';
import {
  type ClientFrame,
  invalidFrame,
  parseClientFrame,
  type ServerFrame,
  STAFF_TOPIC,
  sessionTopic,
} from './protocol';

/** What answering a client frame needs, whichever server carries the socket. */
export interface SubscriptionDeps {
  /** Listens to a topic on this connection (replacing any earlier subscription of it). */
  listen(topic: string): Promise<void>;
  send(frame: ServerFrame): Promise<void>;
  /** The conversation's transcript beyond `after`, as the polling route reads it. */
  listMessages(ref: SessionRef, after?: string): Promise<{ state: string; messages: ChatMessage[] }>;
}

/**
 * Answers one client frame. A subscription listens first and only then reads the backlog, so a
 * message written in between arrives twice at worst (the page drops a repeated id), never not at all.
 */
export async function handleClientFrame(
  raw: string,
  deps: SubscriptionDeps,
): Promise<ClientFrame | undefined> {
  const frame = parseClientFrame(raw);
  if (!frame) {
    await deps.send(invalidFrame);
    return undefined;
  }
  switch (frame.type) {
    case 'ping':
      await deps.send({ type: 'pong' });
      break;
    case 'subscribe_staff':
      await deps.listen(STAFF_TOPIC);
      await deps.send({ type: 'subscribed', topic: 'staff' });
      break;
    case 'subscribe': {
      await deps.listen(sessionTopic(frame.sessionId));
      await deps.send({ type: 'subscribed', topic: 'session' });
      const backlog = await deps.listMessages({ channel: 'web', userId: frame.sessionId }, frame.after);
      // Always sent, even empty: it carries the state, and tells the page it is caught up.
      await deps.send({
        type: 'messages',
        messages: backlog.messages.map(publicMessage),
        state: backlog.state,
      });
      break;
    }
  }
  return frame;
}
