import type { Clock } from '../shared/clock';
import { newId } from '../shared/ids';
import type { Logger } from '../shared/logger';
import type { Stores } from '../stores';
import type { Dossier } from '../stores/dossier-store';
import type { OutboundDelivery } from './delivery';
import { explainDossier, statusLabel } from './flows/dossier';
import type { ChatMessage, SessionRef } from './model';

/**
 * Messages the citizen did not ask for in this request: staff replies, the rating question, notices
 * about a followed dossier. They go into the transcript first, then to the channel (a failed send is
 * logged, never lost: the transcript has them).
 */
export interface Notices {
  systemMessage(text: string, extra?: Partial<ChatMessage>): ChatMessage;
  push(ref: SessionRef, messages: ChatMessage[]): Promise<void>;
  /** Tells every citizen who asked to follow a dossier that its status changed; returns how many. */
  notifyDossierChange(dossier: Dossier): Promise<number>;
}

export function createNotices(
  stores: Stores,
  clock: Clock,
  log: Logger,
  delivery: OutboundDelivery,
): Notices {
  function systemMessage(text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
    const now = clock.now();
    return { id: newId(now.getTime()), from: 'system', text, createdAt: now.toISOString(), ...extra };
  }

  async function push(ref: SessionRef, messages: ChatMessage[]) {
    await stores.conversations.appendMessages(ref, messages, clock.now());
    try {
      await delivery.deliver(ref, messages);
    } catch (error) {
      log.warn('delivery_failed', { channel: ref.channel, error });
    }
  }

  async function notifyDossierChange(dossier: Dossier): Promise<number> {
    const subs = await stores.dossiers.subscribers(dossier.code);
    for (const sub of subs) {
      const message = systemMessage(
        `Thông báo: hồ sơ ${dossier.code} vừa chuyển sang trạng thái “${statusLabel(dossier.status)}”.\n\n${explainDossier(dossier, clock.now())}`,
      );
      await push(sub.ref, [message]);
    }
    return subs.length;
  }

  return { systemMessage, push, notifyDossierChange };
}
