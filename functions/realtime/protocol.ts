import * as z from 'zod/mini';

/**
 * The push protocol, one definition for both ends that carry it: the local server's WebSocket
 * (`npm start`, the `ws` package) and API Gateway's WebSocket API in AWS. Frames are JSON text.
 *
 * A citizen's page subscribes with its session id and the id of the last message it holds; the
 * server first sends everything newer than that (so a reconnect loses nothing), then each message
 * appended outside the citizen's own turn (staff replies, dossier notices, system messages) as it
 * is written. The staff console subscribes to content-free "something changed" signals and reads
 * what changed over its authenticated HTTP API, so the socket never carries casework to anyone.
 */

/** The path the pages open their socket on, on their own origin (CloudFront routes it in AWS). */
export const SOCKET_PATH = '/ws';

const SESSION_ID = /^[A-Za-z0-9_-]{8,64}$/u;
const MESSAGE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/u;

export const ClientFrameSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    sessionId: z.string().check(z.regex(SESSION_ID)),
    /** The last message the page holds; absent for a page that holds none. */
    after: z.optional(z.string().check(z.regex(MESSAGE_ID))),
  }),
  z.object({ type: z.literal('subscribe_staff') }),
  /** Keeps idle connections open (API Gateway closes sockets idle for 10 minutes). */
  z.object({ type: z.literal('ping') }),
]);
export type ClientFrame = z.infer<typeof ClientFrameSchema>;

export interface PushedMessage {
  id: string;
  from: string;
  text: string;
  createdAt: string;
  quickReplies?: { title: string; payload?: string }[];
  links?: { title: string; url: string }[];
}

export type ServerFrame =
  | { type: 'subscribed'; topic: 'session' | 'staff' }
  /** New messages, oldest first; `state` is the conversation's state after them when known. */
  | { type: 'messages'; messages: PushedMessage[]; state?: string }
  /** The staff queue or one request in it changed: re-read it. */
  | { type: 'staff_changed'; escalationId?: string }
  | { type: 'pong' }
  | { type: 'error'; code: string; message: string };

/** Largest client frame accepted: a subscribe frame is well under 200 bytes. */
export const MAX_CLIENT_FRAME_BYTES = 1024;

/** Parses one client frame; undefined for anything that is not a valid frame. */
export function parseClientFrame(raw: string): ClientFrame | undefined {
  if (raw.length > MAX_CLIENT_FRAME_BYTES) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = ClientFrameSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** Topics a connection can listen to: one citizen session, or the staff console's signals. */
export const STAFF_TOPIC = 'staff';
export const sessionTopic = (sessionId: string) => `web:${sessionId}`;

export const invalidFrame: ServerFrame = {
  type: 'error',
  code: 'invalid_frame',
  message: 'Yêu cầu không hợp lệ.',
};
