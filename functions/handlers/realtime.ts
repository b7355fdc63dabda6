import * as z from 'zod';
import { getServices, type Services } from '../app/container';
import { managementApiPoster, type PostToConnection } from '../realtime/api-gateway-notifier';
import { createConnectionStore } from '../realtime/connections';
import { handleClientFrame } from '../realtime/subscriptions';

/** What API Gateway's WebSocket API hands the Lambda; only what the routes read. */
const SocketEventSchema = z.object({
  requestContext: z.object({
    routeKey: z.string(),
    connectionId: z.string().min(1).max(128),
    domainName: z.string().min(1),
    stage: z.string().min(1),
  }),
  body: z.string().optional(),
});

export interface SocketResult {
  statusCode: number;
}

/**
 * The WebSocket API's three routes: `$connect` accepts (a subscription comes as the first frame),
 * `$disconnect` does nothing (the connection is forgotten when a push finds it gone), `$default` answers a frame with the same code as the local
 * server (subscriptions.ts) and replies through the Management API.
 */
export async function handleSocketEvent(
  services: Services,
  raw: unknown,
  poster?: PostToConnection,
): Promise<SocketResult> {
  const parsed = SocketEventSchema.safeParse(raw);
  if (!parsed.success) return { statusCode: 400 };
  const { routeKey, connectionId, domainName, stage } = parsed.data.requestContext;
  const connections = createConnectionStore(services.stores.tables.conversations);
  switch (routeKey) {
    case '$connect':
      return { statusCode: 200 };
    case '$disconnect':
      // Nothing to do: its items expire, and a push to it forgets it (connections.ts).
      return { statusCode: 200 };
    default: {
      const post =
        poster ?? posterFor(services.config.realtimeEndpoint ?? `https://${domainName}/${stage}`, services);
      await handleClientFrame(parsed.data.body ?? '', {
        listen: (topic) => connections.listen(connectionId, topic, services.clock.now()),
        send: async (frame) => {
          await post(connectionId, JSON.stringify(frame));
        },
        listMessages: (ref, after) => services.conversation.listMessages(ref, after),
      });
      return { statusCode: 200 };
    }
  }
}

/** One Management API client per endpoint for the container's life. */
const posters = new Map<string, PostToConnection>();
function posterFor(endpoint: string, services: Services): PostToConnection {
  let post = posters.get(endpoint);
  if (!post) {
    post = managementApiPoster(endpoint, services.config.region);
    posters.set(endpoint, post);
  }
  return post;
}

export async function handler(event: unknown): Promise<SocketResult> {
  return handleSocketEvent(await getServices(), event);
}
