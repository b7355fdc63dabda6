import { z } from 'zod';

/** A catalogue code (ma_thu_tuc), or several when any of them is a right answer (same procedure at several levels). */
const Code = z.string().regex(/^\d\.\d{6}$/u);

export const ExpectSchema = z
  .object({
    /** The procedure the answer must be about; `null`: it must not answer with any procedure. */
    procedure: z.union([Code, z.array(Code).min(1), z.null()]).optional(),
    /** What the chat must do: answer, ask which one, say honestly it has no answer, hand off to a person. */
    decision: z.enum(['answer', 'choose', 'unknown', 'handoff']).optional(),
    /** The asked aspect (the contract's ids); fee, duration, documents, place and online are fact-checked. */
    aspect: z.enum(['documents', 'fee', 'duration', 'place', 'steps', 'online', 'eligibility']).optional(),
    /** Set false to score the routing of a turn without checking its facts. */
    facts: z.boolean().optional(),
    /** It has no answer: it must say so, offer a person or the portal, and answer no procedure. */
    honestUnknown: z.literal(true).optional(),
    /** Competent agencies, any of which the honest reply should name ("tòa án"). */
    competent: z.array(z.string().min(2)).optional(),
    /** A former unit (or a whole former district) whose unit after 1/7/2025 the reply must give. */
    place: z
      .object({ old: z.string().min(2).optional(), oldDistrict: z.string().min(2).optional() })
      .refine((p) => (p.old ? 1 : 0) + (p.oldDistrict ? 1 : 0) === 1, 'exactly one of old, oldDistrict')
      .optional(),
    /** The reply must be in this language (and offer a person). */
    language: z.literal('en').optional(),
    /** Every item must appear in the reply (folded); "a|b" means either. */
    mentions: z.array(z.string().min(1)).optional(),
    /** None of these may appear in the reply (folded). */
    notMentions: z.array(z.string().min(1)).optional(),
    /** The assistant must reply at all (e.g. while waiting for staff). */
    replies: z.literal(true).optional(),
    /** The message must not be stored as a rating of an answer. */
    notRating: z.literal(true).optional(),
    /** No question stays pending after this turn (a form or a prompt was abandoned). */
    pendingCleared: z.literal(true).optional(),
    /** After this turn the conversation follows this dossier (subscribed to its changes). */
    following: z.string().min(6).optional(),
    /**
     * A typed pick from the last choice list ("2", "cái đầu", "cái cuối"): the answer must be the
     * n-th offered entry (1-based) or the last one.
     */
    choice: z.union([z.number().int().min(1), z.literal('last')]).optional(),
    /** Codes a choice list must offer. */
    candidates: z.array(Code).optional(),
  })
  .strict();
export type Expect = z.infer<typeof ExpectSchema>;

export const TurnSchema = z.union([
  z.object({ say: z.string().min(1), expect: ExpectSchema.optional() }).strict(),
  /** A tap on a quick reply of the previous answer, by its title. */
  z.object({ tap: z.string().min(1), expect: ExpectSchema.optional() }).strict(),
]);
export type ScriptTurn = z.infer<typeof TurnSchema>;

export const DossierSeedSchema = z.object({
  code: z.string(),
  procedure: z.string(),
  agency: z.string(),
  phone: z.string(),
  status: z.enum(['received', 'processing', 'supplement_required', 'completed', 'returned', 'rejected']),
  receivedAt: z.string().optional(),
  dueAt: z.string().optional(),
});

export const ConversationSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/u),
    note: z.string().optional(),
    setup: z.object({ dossiers: z.array(DossierSeedSchema).default([]) }).optional(),
    turns: z.array(TurnSchema).min(1).max(8),
  })
  .strict();
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationFileSchema = z
  .object({
    category: z.string().regex(/^[a-z0-9-]+$/u),
    title: z.string().min(3),
    conversations: z.array(ConversationSchema).min(1),
  })
  .strict();
export type ConversationFile = z.infer<typeof ConversationFileSchema>;
