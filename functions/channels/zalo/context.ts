import type { AsyncInvoker } from '../../app/invoker';
import type { AppConfig } from '../../config/config';
import type { ConversationService } from '../../conversation/service';
import type { Clock } from '../../shared/clock';
import type { Logger } from '../../shared/logger';
import type { Stores } from '../../stores';

/**
 * What the Zalo channel uses of the application's Services. `Services` satisfies it as it is;
 * tests can hand in just these parts.
 */
export interface ZaloContext {
  config: AppConfig;
  log: Logger;
  clock: Clock;
  stores: Stores;
  invoker: AsyncInvoker;
  conversation: Pick<ConversationService, 'handleInbound'>;
}

export type WebhookContext = Omit<ZaloContext, 'conversation'>;
