import type { Server } from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import type { ConversationService } from '../conversation/service';
import type { Logger } from '../shared/logger';
import type { LocalHub } from './local-hub';
import { MAX_CLIENT_FRAME_BYTES, type ServerFrame, SOCKET_PATH } from './protocol';
import { handleClientFrame } from './subscriptions';

/**
 * The push protocol on the local server (`npm start`): the same frames as API Gateway's WebSocket
 * API, answered by the same code (subscriptions.ts), fanned out by the in-process hub.
 */
export function attachLocalSocket(
  server: Server,
  hub: LocalHub,
  conversation: Pick<ConversationService, 'listMessages'>,
  log: Logger,
): { close(): void; connections(): number } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (path !== SOCKET_PATH) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws));
  });
  wss.on('connection', (ws: WebSocket) => {
    let unsubscribe: (() => void) | undefined;
    const send = async (frame: ServerFrame) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
    };
    // Frames of one connection are answered in order: a backlog never overtakes a later frame.
    let chain = Promise.resolve();
    ws.on('message', (data, isBinary) => {
      const raw = isBinary ? '' : data.toString();
      chain = chain
        .then(async () => {
          await handleClientFrame(raw, {
            send,
            listMessages: (ref, after) => conversation.listMessages(ref, after),
            async listen(topic) {
              unsubscribe?.();
              unsubscribe = hub.subscribe(topic, (frame) => void send(frame));
            },
          });
        })
        .catch((error: unknown) => log.warn('socket_frame_failed', { error }));
    });
    ws.on('close', () => unsubscribe?.());
    ws.on('error', () => unsubscribe?.());
  });
  return {
    close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
    },
    connections: () => wss.clients.size,
  };
}
