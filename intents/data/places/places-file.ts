import * as z from 'zod';

/**
 * The shape of places.generated.json, written by `npm run places:import` (../../cli/import-places.ts)
 * from ../shared/data/admin-units. Read back through this schema by tests/unit/intents/places.test.ts,
 * so a hand edit that breaks the shape fails the tests rather than a conversation.
 *
 * Codes are namespaced because the reform reused them: all 24 new units of the former Ninh Thuận
 * area carry former Ninh Thuận codes, 18 of them for a different unit (22741 was Phường Phước Mỹ and
 * is now Phường Bảo An). `56:` is Khánh Hòa after 1 July 2025, `58:` the Ninh Thuận list of 30 June
 * 2025, `58-2024:` the Ninh Thuận list before the mergers of 1 November 2024.
 */
export const CurrentCodeSchema = z.string().regex(/^56:\d{5}$/u);
export const FormerCodeSchema = z.string().regex(/^58(-2024)?:\d{2,5}$/u);
export type CurrentCode = `56:${string}`;
export type FormerCode = `58:${string}` | `58-2024:${string}`;

const currentCode = CurrentCodeSchema.transform((code) => code as CurrentCode);
const formerCode = FormerCodeSchema.transform((code) => code as FormerCode);

export const CurrentUnitSchema = z.object({
  code: currentCode,
  /** Official name with the project's tone placement ("Hòa"), the `place` entity value. */
  name: z.string().min(3),
  level: z.enum(['ward', 'commune', 'special_zone']),
});

/** Which part of the former unit went to a new one: all of it, a part, or what was left of it. */
export const ShareSchema = z.enum(['full', 'partial', 'remainder']);

export const SuccessorSchema = z.object({
  code: currentCode,
  share: ShareSchema,
  /** Clause of Article 1 of the resolution that says so. */
  clause: z.number().int().positive(),
});

export const FormerUnitSchema = z.object({
  code: formerCode,
  /** Official name as it was ("Phường Kinh Dinh"). */
  name: z.string().min(3),
  level: z.enum(['ward', 'township', 'commune']),
  district: formerCode,
  /** The new units it became part of; two when it was split (ask, never guess). */
  successors: z.array(SuccessorSchema).min(1),
  /** Set for the units merged on 1 November 2024, before the 2025 reform. */
  mergedBefore: z
    .object({ into: formerCode, effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u), basis: z.string() })
    .optional(),
});

export const FormerDistrictSchema = z.object({
  code: formerCode,
  name: z.string().min(3),
  level: z.enum(['city', 'district']),
  /** Other names in use ("PRTC"); a bare alias that is also a current name reads as the current unit. */
  aliases: z.array(z.string()),
});

export const PlacesFileSchema = z.object({
  generatedBy: z.string(),
  /** Vietnam date on which the sources were last compared with the official texts. */
  checkedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u),
  sources: z.object({
    currentUnits: z.string(),
    formerUnits: z.string(),
    mapping: z.string(),
    earlierMergers: z.string(),
  }),
  resolution: z.object({
    /** "Nghị quyết 1667/NQ-UBTVQH15", as a citizen is shown it. */
    title: z.string(),
    date: z.string(),
    effective: z.string(),
    url: z.string().url(),
    /** Article 1's clauses that the mapping uses, by number, in the resolution's own words. */
    clauses: z.record(z.string().regex(/^\d+$/u), z.string()),
  }),
  province: z.object({ current: z.string(), former: z.string() }),
  currentUnits: z.array(CurrentUnitSchema),
  formerDistricts: z.array(FormerDistrictSchema),
  formerUnits: z.array(FormerUnitSchema),
});

export type PlacesFile = z.infer<typeof PlacesFileSchema>;
export type CurrentUnitRecord = z.infer<typeof CurrentUnitSchema>;
export type FormerUnitRecord = z.infer<typeof FormerUnitSchema>;
export type FormerDistrictRecord = z.infer<typeof FormerDistrictSchema>;
export type Successor = z.infer<typeof SuccessorSchema>;
