import * as z from 'zod';
import { normalise } from '../../intents/normalise';
import { ASPECT_KEYS, type KnowledgeEntry } from '../../knowledge/schema';

/**
 * What an editor writes: the curated shape of the knowledge base (contract, "Knowledge that staff
 * keep current"). A draft may be incomplete while it is being written; the checks run on submit
 * (`draft-checks.ts`) say what is still missing before a reviewer sees it.
 */
const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v === '' ? undefined : v));

export const EntryInputSchema = z.object({
  kind: z.enum(['curated', 'faq']).default('curated'),
  title: optionalText(300),
  plainTitle: optionalText(300),
  summary: optionalText(1500),
  aliases: z.array(text(200)).max(60).default([]),
  aspects: z.partialRecord(z.enum(ASPECT_KEYS), optionalText(4000)).default({}),
  legalBasis: optionalText(2000),
  sourceUrl: optionalText(500),
  checkedAt: optionalText(10),
  topic: optionalText(100),
  team: optionalText(60),
  links: z
    .array(z.object({ title: text(200), url: text(500) }))
    .max(20)
    .default([]),
});
export type EntryInput = z.infer<typeof EntryInputSchema>;

/** The id a new entry gets from its title: `cur.<folded-words>`; the service makes it unique. */
export function slugId(prefix: 'cur' | 'faq', title: string): string {
  const slug = normalise(title)
    .foldedTokens.join('-')
    .replace(/[^a-z0-9-]+/gu, '')
    .replace(/-+/gu, '-')
    .slice(0, 60)
    .replace(/^-|-$/gu, '');
  return `${prefix}.${slug || 'muc'}`;
}

/**
 * The entry as the knowledge base will hold it. Not validated here: the candidate goes through
 * `KnowledgeEntrySchema` in the checks, which report what is wrong in words an editor understands.
 */
export function toCandidateEntry(id: string, input: EntryInput, code: string | undefined): unknown {
  const aspects = Object.fromEntries(Object.entries(input.aspects).filter(([, v]) => v));
  const entry: Record<string, unknown> = {
    id,
    kind: input.kind,
    ...(code ? { code } : {}),
    title: input.title,
    plainTitle: input.plainTitle,
    summary: input.summary,
    aliases: dedupe(input.aliases),
    topic: input.topic,
    team: input.team,
    aspects,
    legalBasis: input.legalBasis,
    sourceUrl: input.sourceUrl,
    checkedAt: input.checkedAt,
    links: input.links,
  };
  return Object.fromEntries(Object.entries(entry).filter(([, v]) => v !== undefined));
}

/** The editor form's starting point for an entry that exists (a published layer or a curated file). */
export function inputOf(entry: KnowledgeEntry): EntryInput {
  return EntryInputSchema.parse({
    kind: entry.kind === 'faq' ? 'faq' : 'curated',
    title: entry.title,
    plainTitle: entry.plainTitle,
    summary: entry.summary,
    aliases: entry.aliases,
    aspects: entry.aspects,
    legalBasis: entry.legalBasis,
    sourceUrl: entry.sourceUrl,
    checkedAt: entry.checkedAt,
    topic: entry.topic,
    team: entry.team,
    links: entry.links,
  });
}

function dedupe(items: readonly string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = normalise(item).folded;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
