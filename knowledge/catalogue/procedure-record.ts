import * as z from 'zod';

/**
 * The project's own form of one catalogue procedure, as `npm run kb:import` writes it to
 * knowledge/data/catalogue.json. Text is NFC with canonical tone placement; the flattened tables of
 * the source are parsed into channels and documents. Long prose is capped here (the chat shows short
 * messages); the full source texts are kept in knowledge/data/catalogue-originals.jsonl.gz.
 */

export const CHANNEL_NAMES = ['Trực tiếp', 'Trực tuyến', 'Dịch vụ bưu chính'] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const DURATION_UNITS = ['ngày làm việc', 'ngày', 'giờ', 'tháng', 'năm'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

export const FeeSchema = z.object({
  /** `unparsed`: the cell could not be read safely (kept in `text`); never shown as a number. */
  kind: z.enum(['free', 'amount', 'unknown', 'unparsed']),
  amount: z.number().nonnegative().optional(),
  currency: z.enum(['VND', 'USD']).optional(),
  /** The fee cell as written, when it held more than a keyword. */
  text: z.string().optional(),
  /** The note in brackets after the fee cell; often the real rule ("Lệ phí cấp mới 40.000 đồng/lần"). */
  note: z.string().optional(),
});
export type Fee = z.infer<typeof FeeSchema>;

export const ChannelSchema = z.object({
  channel: z.enum(CHANNEL_NAMES),
  /** `unit: null`: a number was written without a unit — not safe to show as a time limit. */
  duration: z.object({ value: z.number().nonnegative(), unit: z.enum(DURATION_UNITS).nullable() }).nullable(),
  fee: FeeSchema,
  description: z.string().optional(),
});
export type Channel = z.infer<typeof ChannelSchema>;

export const DocumentItemSchema = z.object({
  name: z.string().min(1),
  /** Template file named in the "Mẫu đơn, tờ khai" cell. */
  form: z.string().optional(),
  originals: z.number().int().nonnegative().optional(),
  copies: z.number().int().nonnegative().optional(),
});
export type DocumentItem = z.infer<typeof DocumentItemSchema>;

export const DocumentGroupSchema = z.object({
  /** The case the group applies to ("Trường hợp đăng ký trực tuyến:"), when the source gives one. */
  heading: z.string().optional(),
  items: z.array(DocumentItemSchema),
  /** How many more items the source lists beyond those kept. */
  more: z.number().int().positive().optional(),
});
export type DocumentGroup = z.infer<typeof DocumentGroupSchema>;

export const ProcedureRecordSchema = z.object({
  code: z.string().regex(/^\d\.\d{6}$/),
  title: z.string().min(3),
  levels: z.array(z.string()),
  field: z.string(),
  ministry: z.string(),
  decision: z.string().optional(),
  agencies: z.string().optional(),
  authority: z.string().optional(),
  receivingAddress: z.string().optional(),
  audience: z.string().optional(),
  channels: z.array(ChannelSchema),
  documentGroups: z.array(DocumentGroupSchema),
  /** Documents prose when the table could not be read. */
  documentsText: z.string().optional(),
  steps: z.array(z.string()),
  /**
   * The sentence of the steps that states a time limit ("Trong thời hạn 03 ngày làm việc…"), whole,
   * when no channel row gives one with a unit.
   */
  durationNote: z.string().optional(),
  conditions: z.string().optional(),
  results: z.array(z.string()),
  legalBasis: z.array(z.string()),
  sourceUrl: z.url(),
  checkedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type ProcedureRecord = z.infer<typeof ProcedureRecordSchema>;

export const CatalogueFileSchema = z.object({
  source: z.string(),
  snapshotDate: z.string(),
  count: z.number().int(),
  procedures: z.array(ProcedureRecordSchema),
});
export type CatalogueFile = z.infer<typeof CatalogueFileSchema>;
