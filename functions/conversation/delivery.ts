import type { ChatMessage, SessionRef } from './model';

/**
 * Pushes messages the citizen did not ask for in this request (staff replies, notices, the rating
 * question) to their channel. The web chat needs nothing: the widget polls the transcript. Zalo
 * sends through the OA API, asynchronously, via the processor.
 */
export interface OutboundDelivery {
  deliver(ref: SessionRef, messages: ChatMessage[]): Promise<void>;
}

export const pollingDelivery: OutboundDelivery = { deliver: async () => {} };

export function deliveryByChannel(
  byChannel: Partial<Record<SessionRef['channel'], OutboundDelivery>>,
): OutboundDelivery {
  return {
    async deliver(ref, messages) {
      await (byChannel[ref.channel] ?? pollingDelivery).deliver(ref, messages);
    },
  };
}
