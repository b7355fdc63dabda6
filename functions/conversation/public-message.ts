import type { ChatMessage } from './model';

/** The contract's view of a message: what the citizen's page shows (polled or pushed alike). */
export function publicMessage(m: ChatMessage) {
  return {
    id: m.id,
    from: m.from,
    text: m.text,
    createdAt: m.createdAt,
    ...(m.quickReplies?.length ? { quickReplies: m.quickReplies } : {}),
    ...(m.links?.length ? { links: m.links } : {}),
  };
}
