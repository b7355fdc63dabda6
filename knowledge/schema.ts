import * as z from 'zod/mini';
import '../intents/zod-english';
import type { NormalisedText } from '../intents/normalise';
import { FeeScheduleSchema } from './facts/fee-schedule';

/**
 * The project's own knowledge format. Two sources converge on one entry shape:
 * - `procedure`: imported from the national catalogue (../shared/data/tthc), one per ma_thu_tuc;
 * - `curated`: written by the team for what citizens ask most (plain-language title and summary,
 *   the phrasings people use, province-specific facts), each citing its legal basis and check date;
 * - `faq`: curated answers that are not a procedure (VNeID, payments, hotline, digital addresses…).
 */
export const ASPECT_KEYS = [
  'documents',
  'fee',
  'duration',
  'place',
  'steps',
  'online',
  'eligibility',
] as const;

// The schemas are built in functions marked pure: a bundle that only needs the types (the chat Lambda
// validates no entry) drops them, instead of building them at every cold start (issue 17).
const isoDate = /* @__PURE__ */ (() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')))();
const httpsUrl = /* @__PURE__ */ (() => z.url({ protocol: /^https?$/ }))();
const nonEmpty = () => z.string().check(z.minLength(1));
const optionalText = () => z.optional(z.string());

/** Chat-ready text of one aspect. `null` would mean "checked: not known" — say so rather than guess. */
export const AspectsSchema = /* @__PURE__ */ (() =>
  z.partial(
    z.object({
      documents: nonEmpty(),
      fee: nonEmpty(),
      duration: nonEmpty(),
      place: nonEmpty(),
      steps: nonEmpty(),
      online: nonEmpty(),
      eligibility: nonEmpty(),
    }),
  ))();
export type Aspects = z.infer<typeof AspectsSchema>;

export const KnowledgeEntrySchema = /* @__PURE__ */ (() =>
  z.object({
    /** `proc.<ma_thu_tuc>` for catalogue records, `cur.<slug>` for curated procedures, `faq.<slug>` for FAQs. */
    id: z.string().check(z.regex(/^(proc|cur|faq)\.[a-z0-9.-]+$/)),
    kind: z.enum(['procedure', 'curated', 'faq']),
    /** National procedure code (ma_thu_tuc) when the entry is, or is about, a catalogue procedure. */
    code: z.optional(z.string().check(z.regex(/^\d\.\d{6}$/))),
    /** Official title (catalogue) or a plain one (curated). */
    title: z.string().check(z.minLength(3)),
    /** Plain-language title a citizen would use. */
    plainTitle: optionalText(),
    /** One or two short sentences, plain Vietnamese. */
    summary: optionalText(),
    /** Phrasings people use, with and without marks; used for retrieval only, never shown. */
    aliases: z._default(z.array(z.string().check(z.minLength(2))), []),
    /** Broad topic for routing and reports, e.g. "hộ tịch", "cư trú", "đất đai", "doanh nghiệp". */
    topic: optionalText(),
    field: optionalText(),
    level: optionalText(),
    agencies: optionalText(),
    aspects: z._default(AspectsSchema, {}),
    /** The catalogue's fee, structured, so the chat states the rate in force on the day it is asked. */
    feeSchedule: z.optional(FeeScheduleSchema),
    /**
     * When an aspect's facts were checked on another date than `checkedAt`: set at build time for the
     * aspects a curated entry takes from the catalogue (dated by the catalogue snapshot).
     */
    aspectsCheckedAt: z.optional(z.partialRecord(z.enum(ASPECT_KEYS), isoDate)),
    legalBasis: optionalText(),
    sourceUrl: httpsUrl,
    /** Date a person last checked the facts (curated) or the catalogue snapshot date (imported). */
    checkedAt: isoDate,
    /** Staff team that takes handoffs about this entry. */
    team: optionalText(),
    /** Extra links to show (online submission, forms). */
    links: z._default(z.array(z.object({ title: nonEmpty(), url: httpsUrl })), []),
  }))();
export type KnowledgeEntry = z.infer<typeof KnowledgeEntrySchema>;

export interface KnowledgeHit {
  id: string;
  code?: string;
  title: string;
  score: number;
  /**
   * Share of the message's informative (idf-weighted) syllables that the entry contains, in [0, 1]:
   * what `isConfidentMatch` reads to tell "nothing fits". Optional so hand-made hits stay valid.
   */
  coverage?: number;
  entry: KnowledgeEntry;
}

export interface KnowledgeBase {
  /** Best entries for a message, best first. `k` defaults to 3. */
  /** Accepts the NLU's normalised text (shorthand already expanded) or a raw message. */
  search(message: string | NormalisedText, options?: { k?: number }): KnowledgeHit[];
  get(id: string): KnowledgeEntry | undefined;
  readonly size: number;
}
