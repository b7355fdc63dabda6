import type { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import type { Logger } from '../shared/logger';
import type { ConnectionStore } from './connections';
import type { Notifier } from './notifier';
import type { ServerFrame } from './protocol';

/** A sender of one frame to one API Gateway connection; `false` when the connection is gone. */
export type PostToConnection = (connectionId: string, data: string) => Promise<boolean>;

type ManagementSdk = typeof import('@aws-sdk/client-apigatewaymanagementapi');

/**
 * The Management API client is loaded on the first frame posted, not at start-up: its SDK package
 * costs tens of ms of import on a cold start, and most turns push nothing (issue 17's cold start).
 */
export function managementApiPoster(endpoint: string, region: string): PostToConnection {
  let loaded: Promise<{ sdk: ManagementSdk; client: ApiGatewayManagementApiClient }> | undefined;
  const load = () =>
    (loaded ??= import('@aws-sdk/client-apigatewaymanagementapi').then((sdk) => {
      const client = new sdk.ApiGatewayManagementApiClient({ endpoint, region, maxAttempts: 2 });
      client.middlewareStack.remove('loggerMiddleware');
      return { sdk, client };
    }));
  return async (connectionId, data) => {
    const { sdk, client } = await load();
    try {
      await client.send(new sdk.PostToConnectionCommand({ ConnectionId: connectionId, Data: data }));
      return true;
    } catch (error) {
      if (error instanceof sdk.GoneException) return false;
      throw error;
    }
  };
}

/**
 * The notifier in AWS: every connection listening to the topic (one Query), one PostToConnection
 * each, in parallel. A connection API Gateway no longer has is forgotten on the spot.
 */
export function apiGatewayNotifier(
  connections: ConnectionStore,
  post: PostToConnection,
  log: Logger,
): Notifier {
  return {
    async publish(topic: string, frame: ServerFrame) {
      const ids = await connections.connectionsOf(topic);
      if (ids.length === 0) return;
      const data = JSON.stringify(frame);
      await Promise.all(
        ids.map(async (id) => {
          try {
            if (!(await post(id, data))) await connections.forget(id, topic);
          } catch (error) {
            log.warn('push_post_failed', { error });
          }
        }),
      );
    },
  };
}
