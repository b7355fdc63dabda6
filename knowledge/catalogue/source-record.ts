import * as z from 'zod';

/** One line of ../shared/data/tthc/procedures.jsonl (the national catalogue, `raw_text` dropped). */
export const SourceRecordSchema = z.object({
  ma_thu_tuc: z.string(),
  detail_url: z.url(),
  ten_thu_tuc: z.string(),
  so_quyet_dinh: z.string().default(''),
  cap_thuc_hien: z.string().default(''),
  loai_thu_tuc: z.string().default(''),
  linh_vuc: z.string().default(''),
  doi_tuong_thuc_hien: z.string().default(''),
  co_quan_co_tham_quyen: z.string().default(''),
  dia_chi_tiep_nhan: z.string().default(''),
  co_quan_thuc_hien: z.string().default(''),
  thu_tuc_lien_quan: z.string().default(''),
  trinh_tu_thuc_hien: z.string().default(''),
  cach_thuc_thuc_hien: z.string().default(''),
  thanh_phan_ho_so: z.string().default(''),
  yeu_cau_dieu_kien: z.string().default(''),
  ket_qua_xu_ly: z.string().default(''),
  can_cu_phap_ly: z.string().default(''),
  source_folder: z.string().default(''),
});
export type SourceRecord = z.infer<typeof SourceRecordSchema>;

/** The fields whose full text is kept beside the parsed form, for answers that need more than the chat shows. */
export const ORIGINAL_FIELDS = [
  'cach_thuc_thuc_hien',
  'thanh_phan_ho_so',
  'trinh_tu_thuc_hien',
  'yeu_cau_dieu_kien',
  'can_cu_phap_ly',
  'ket_qua_xu_ly',
  'dia_chi_tiep_nhan',
] as const;
export type OriginalField = (typeof ORIGINAL_FIELDS)[number];
export type OriginalTexts = { code: string } & Partial<Record<OriginalField, string>>;
