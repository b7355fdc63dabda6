import * as z from 'zod/mini';

/**
 * Zalo Bot Platform updates (reference §4). The docs show `{ok, result:{event_name, message}}`,
 * deliveries are observed as top-level `{event_name, message}`: both are accepted.
 */
const idText = () => z.pipe(z.union([z.string(), z.number()]), z.transform(String));
const text = (max: number) => z.optional(z.string().check(z.maxLength(max)));

const BotMessageSchema = z.object({
  message_id: idText(),
  date: z.optional(z.union([z.string(), z.number()])),
  text: text(10_000),
  caption: text(10_000),
  photo: text(2048),
  photo_url: text(2048),
  sticker: text(512),
  url: text(2048),
  from: z.optional(
    z.object({
      id: idText(),
      display_name: z.optional(z.string()),
      is_bot: z.optional(z.boolean()),
    }),
  ),
  chat: z.object({
    id: idText(),
    chat_type: z.optional(z.string()),
  }),
});

export const BotUpdateSchema = z.object({
  event_name: z.string().check(z.minLength(1), z.maxLength(64)),
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
