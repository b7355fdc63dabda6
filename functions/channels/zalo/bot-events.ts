import * as z from 'zod';

/**
 * Zalo Bot Platform updates (reference §4). The docs show `{ok, result:{event_name, message}}`,
 * deliveries are observed as top-level `{event_name, message}`: both are accepted.
 */
const BotMessageSchema = z.object({
  message_id: z.union([z.string(), z.number()]).transform(String),
  date: z.union([z.string(), z.number()]).optional(),
  text: z.string().max(10_000).optional(),
  caption: z.string().max(10_000).optional(),
  photo: z.string().max(2048).optional(),
  photo_url: z.string().max(2048).optional(),
  sticker: z.string().max(512).optional(),
  url: z.string().max(2048).optional(),
  from: z
    .object({
      id: z.union([z.string(), z.number()]).transform(String),
      display_name: z.string().optional(),
      is_bot: z.boolean().optional(),
    })
    .optional(),
  chat: z.object({
    id: z.union([z.string(), z.number()]).transform(String),
    chat_type: z.string().optional(),
  }),
});

export const BotUpdateSchema = z.object({
  event_name: z.string().min(1).max(64),
  message: BotMessageSchema,
});
export type BotUpdate = z.infer<typeof BotUpdateSchema>;

/** Unwraps either delivery shape; `undefined` when the body is neither. */
export function parseBotUpdate(body: unknown): BotUpdate | undefined {
  const candidate =
    body && typeof body === 'object' && 'result' in body && (body as { result?: unknown }).result
      ? (body as { result: unknown }).result
      : body;
  const parsed = BotUpdateSchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

export const botEventKey = (update: BotUpdate): string =>
  `zalo_bot:${update.event_name}:${update.message.message_id}`;
