import { z } from 'zod';

/**
 * The OA webhook envelope (reference §1). Every field arrives as a string; ids exceed 2^53, so they
 * are kept as strings and never parsed as numbers. Unknown fields are ignored, unknown events are
 * still accepted (and then logged and acknowledged by the processor).
 */
const id = z.string().min(1).max(64);

const AttachmentSchema = z.object({
  type: z.string().max(32),
  payload: z
    .object({
      url: z.string().max(2048).optional(),
      thumbnail: z.string().max(2048).optional(),
      description: z.string().max(2000).optional(),
      id: z.string().max(64).optional(),
      name: z.string().max(512).optional(),
      coordinates: z
        .object({ latitude: z.union([z.string(), z.number()]), longitude: z.union([z.string(), z.number()]) })
        .optional(),
    })
    .nullish(),
});

export const OaEventSchema = z.object({
  app_id: z.string().optional(),
  event_name: z.string().min(1).max(64),
  timestamp: z.union([z.string(), z.number()]).optional(),
  sender: z.object({ id }).optional(),
  recipient: z.object({ id }).optional(),
  follower: z.object({ id }).optional(),
  oa_id: z.string().optional(),
  message: z
    .object({
      msg_id: z.string().max(128).optional(),
      text: z.string().max(10_000).optional(),
      attachments: z.array(AttachmentSchema).max(20).optional(),
    })
    .optional(),
  info: z
    .object({
      name: z.string().max(256).optional(),
      phone: z.string().max(32).optional(),
      address: z.string().max(512).optional(),
      city: z.string().max(128).optional(),
      district: z.string().max(128).optional(),
      ward: z.string().max(128).optional(),
    })
    .optional(),
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

export const HANDLED_OA_EVENTS: ReadonlySet<string> = new Set([
  'user_send_text',
  'user_send_location',
  'user_submit_info',
  'follow',
  'unfollow',
  ...Object.keys(ATTACHMENT_EVENTS),
]);

/** The citizen an event is about: `follower.id` for follow/unfollow, `sender.id` otherwise. */
export function oaUserId(event: OaEvent): string | undefined {
  if (event.event_name === 'follow' || event.event_name === 'unfollow')
    return event.follower?.id ?? event.sender?.id;
  return event.sender?.id;
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
