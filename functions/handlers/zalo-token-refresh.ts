import { getServices } from '../app/container';
import { zaloRuntime } from '../channels/zalo/runtime';

/**
 * Scheduled rotation of the OA token pair (tokens live 25 h). Safe to run often: it refreshes only
 * when the pair is about 20 h old or close to expiry, under the same lock as on-demand refreshes.
 * `{"force": true}` refreshes now.
 */
export async function handler(event: { force?: unknown } = {}): Promise<{ result: string }> {
  const services = await getServices();
  const result = await zaloRuntime(services).tokens.refreshIfDue({ force: event?.force === true });
  services.log.info('zalo_token_rotation', { result });
  return { result };
}
