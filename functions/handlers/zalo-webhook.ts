import { getServices } from '../app/container';
import { createZaloWebhookHandler } from '../channels/zalo/webhook';

/**
 * Lambda entry for `POST /zalo/webhook` (Official Account) and `POST /zalo/bot/webhook` (Bot
 * Platform). The local server and tests build their own with `createZaloWebhookHandler`.
 */
export { createZaloWebhookHandler };
export const handler = createZaloWebhookHandler(getServices);
