import * as z from 'zod/mini';

/**
 * The OA webhook envelope (reference §1). Every field arrives as a string; ids exceed 2^53, so they
 * are kept as strings and never parsed as numbers. Unknown fields are ignored, unknown events are
 * still accepted (and then logged and acknowledged by the processor).
 */
const id = z.string().check(z.minLength(1), z.maxLength(64));
const optionalId = z.optional(id);
const text = (max: number) => z.optional(z.string().check(z.maxLength(max)));
const coordinate = z.union([z.string(), z.number()]);

const AttachmentSchema = z.object({
  type: z.string().check(z.maxLength(32)),
  payload: z.nullish(
    z.object({
      url: text(2048),
      thumbnail: text(2048),
      description: text(2000),
      id: text(64),
      name: text(512),
      coordinates: z.optional(z.object({ latitude: coordinate, longitude: coordinate })),
    }),
  ),
});

export const OaEventSchema = z.object({
  app_id: z.optional(z.string()),
  event_name: z.string().check(z.minLength(1), z.maxLength(64)),
  timestamp: z.optional(z.union([z.string(), z.number()])),
  /** `admin_id` is set on `oa_send_*` echoes of what a person typed in Zalo's OA manager. */
  sender: z.optional(z.object({ id: optionalId, admin_id: optionalId, anonymous_id: optionalId })),
  recipient: z.optional(z.object({ id: optionalId, anonymous_id: optionalId, conversation_id: optionalId })),
  conversation_id: optionalId,
  follower: z.optional(z.object({ id })),
  oa_id: z.optional(z.string()),
  message: z.optional(
    z.object({
      msg_id: text(128),
      conversation_id: optionalId,
      text: text(10_000),
      attachments: z.optional(z.array(AttachmentSchema).check(z.maxLength(20))),
    }),
  ),
  info: z.optional(
    z.object({
      name: text(256),
      phone: text(32),
      address: text(512),
      city: text(128),
      district: text(128),
      ward: text(128),
    }),
  ),
});
export type OaEvent = z.infer<typeof OaEventSchema>;

/** Receipts and the OA's own echoes: never processed, or the assistant would answer itself. */
export function isIgnoredOaEvent(eventName: string): boolean {
  return (
    eventName.startsWith('oa_send_') ||
    eventName === 'user_received_message' ||
    eventName === 'user_seen_message' ||
    eventName === 'user_reacted_message' ||
    eventName === 'oa_reacted_message'
  );
}

export const ATTACHMENT_EVENTS = {
  user_send_image: 'image',
  user_send_gif: 'gif',
  user_send_sticker: 'sticker',
  user_send_file: 'file',
  user_send_audio: 'audio',
  user_send_video: 'video',
  user_send_link: 'link',
} as const;
export type AttachmentEventName = keyof typeof ATTACHMENT_EVENTS;

/** A citizen's own events, answered by a turn (`follow` and `user_click_chatnow` get the greeting). */
const CITIZEN_EVENTS: ReadonlySet<string> = new Set([
  'user_send_text',
  'user_send_location',
  'user_submit_info',
  'user_click_chatnow',
  'follow',
  ...Object.keys(ATTACHMENT_EVENTS),
]);

/** What the processor does with an event, and who it is about. */
export type OaEventRoute =
  /** `anonymous`: an `anonymous_send_*` sender, answered through the anonymous recipient fields. */
  | { kind: 'citizen'; userId: string; anonymous?: true }
  | { kind: 'unfollow'; userId: string }
  /** The citizen withdrew consent (ZALO_WITHDRAW_EVENT): their data is erased. */
  | { kind: 'withdraw'; userId: string }
  /** A person at the OA wrote to the citizen in Zalo's OA manager: the assistant steps back. */
  | { kind: 'admin_echo'; userId: string };

/**
 * Anonymous senders have no OA-scoped user id; their replies need the anonymous id and the
 * conversation id together, so both travel as one opaque recipient id through the pipeline.
 */
export const ANONYMOUS_PREFIX = 'anon:';
export const anonymousRecipient = (anonymousId: string, conversationId: string) =>
  `${ANONYMOUS_PREFIX}${anonymousId}:${conversationId}`;
export function parseAnonymousRecipient(
  userId: string,
): { anonymousId: string; conversationId: string } | undefined {
  if (!userId.startsWith(ANONYMOUS_PREFIX)) return undefined;
  const [anonymousId, conversationId] = userId.slice(ANONYMOUS_PREFIX.length).split(':');
  return anonymousId && conversationId ? { anonymousId, conversationId } : undefined;
}

/** The route of an event, or undefined when it is acknowledged and dropped. */
export function routeOaEvent(event: OaEvent, withdrawEvent: string): OaEventRoute | undefined {
  const name = event.event_name;
  if (name === withdrawEvent) {
    const userId = event.sender?.id ?? event.follower?.id;
    return userId ? { kind: 'withdraw', userId } : undefined;
  }
  if (name.startsWith('oa_send_')) {
    // Only what a person typed carries admin_id; the assistant's own sends echo without it.
    const userId = event.recipient?.id;
    return event.sender?.admin_id && userId ? { kind: 'admin_echo', userId } : undefined;
  }
  if (name.startsWith('anonymous_send_')) {
    const anonymousId = event.sender?.anonymous_id ?? event.sender?.id;
    const conversationId =
      event.conversation_id ?? event.message?.conversation_id ?? event.recipient?.conversation_id;
    if (!anonymousId || !conversationId) return undefined;
    return { kind: 'citizen', userId: anonymousRecipient(anonymousId, conversationId), anonymous: true };
  }
  if (isIgnoredOaEvent(name)) return undefined;
  if (name === 'unfollow') {
    const userId = event.follower?.id ?? event.sender?.id;
    return userId ? { kind: 'unfollow', userId } : undefined;
  }
  if (!CITIZEN_EVENTS.has(name)) return undefined;
  const userId = name === 'follow' ? (event.follower?.id ?? event.sender?.id) : event.sender?.id;
  return userId ? { kind: 'citizen', userId } : undefined;
}

export const isHandledOaEvent = (event: OaEvent, withdrawEvent: string): boolean =>
  routeOaEvent(event, withdrawEvent) !== undefined;

/** The citizen an event is about, whatever its route. */
export function oaUserId(event: OaEvent, withdrawEvent = 'user_withdraw'): string | undefined {
  return routeOaEvent(event, withdrawEvent)?.userId ?? event.sender?.id;
}

/**
 * The de-duplication key: the message id when there is one; otherwise (follow, unfollow, shared
 * info) the event name, the user and Zalo's timestamp, which a retried delivery repeats verbatim.
 */
export function oaEventKey(event: OaEvent, fallback: string): string {
  const msgId = event.message?.msg_id;
  if (msgId) return `zalo:msg:${msgId}`;
  const user = oaUserId(event);
  if (user && event.timestamp !== undefined)
    return `zalo:evt:${event.event_name}:${user}:${String(event.timestamp)}`;
  return `zalo:raw:${fallback}`;
}
