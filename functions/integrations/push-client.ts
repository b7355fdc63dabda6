/**
 * A small client of the assistant's own integration API, used by the bulk importers and the pull
 * connector, so that every record goes through the same validation, history and notices.
 */
export interface PushResult {
  code: string;
  status: number;
  error?: string;
}

export function integrationClient(baseUrl: string, apiKey: string, fetchImpl: typeof fetch = fetch) {
  const put = async (path: string, code: string, body: unknown): Promise<PushResult> => {
    const res = await fetchImpl(`${baseUrl.replace(/\/$/u, '')}${path}/${encodeURIComponent(code)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    let error: string | undefined;
    if (res.status >= 300) {
      try {
        error = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error?.message ?? text;
      } catch {
        error = text.slice(0, 200);
      }
    }
    return { code, status: res.status, ...(error ? { error } : {}) };
  };
  return {
    putDossier: (code: string, body: unknown) => put('/api/integrations/dossiers', code, body),
    putAddress: (code: string, body: unknown) => put('/api/integrations/digital-addresses', code, body),
  };
}

/** Maps the column names the one-stop system's exports use (Vietnamese or English) to the contract's. */
const DOSSIER_FIELDS: Record<string, string> = {
  code: 'code',
  ma_ho_so: 'code',
  mahoso: 'code',
  'mã hồ sơ': 'code',
  procedure: 'procedure',
  ten_thu_tuc: 'procedure',
  'thủ tục': 'procedure',
  agency: 'agency',
  co_quan: 'agency',
  'cơ quan': 'agency',
  applicantName: 'applicantName',
  applicant_name: 'applicantName',
  chu_ho_so: 'applicantName',
  phone: 'phone',
  so_dien_thoai: 'phone',
  sdt: 'phone',
  status: 'status',
  trang_thai: 'status',
  receivedAt: 'receivedAt',
  received_at: 'receivedAt',
  ngay_nhan: 'receivedAt',
  dueAt: 'dueAt',
  due_at: 'dueAt',
  ngay_hen_tra: 'dueAt',
  note: 'note',
  ghi_chu: 'note',
};

export function toDossierBody(record: Record<string, unknown>): {
  code: string;
  body: Record<string, unknown>;
} {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    const key = DOSSIER_FIELDS[k] ?? DOSSIER_FIELDS[k.toLowerCase()];
    if (key) out[key] = v;
  }
  const { code, ...body } = out;
  return { code: String(code ?? ''), body };
}

export function toAddressBody(record: Record<string, unknown>): {
  code: string;
  body: Record<string, unknown>;
} {
  const { code, ma, lat, lng, ...rest } = record as Record<string, unknown>;
  const num = (v: unknown) => (v === undefined || v === '' ? undefined : Number(v));
  return {
    code: String(code ?? ma ?? ''),
    body: {
      address: rest.address ?? rest.dia_chi,
      ownerType: rest.ownerType ?? rest.owner_type ?? rest.loai,
      ...((rest.name ?? rest.ten) ? { name: rest.name ?? rest.ten } : {}),
      ...(num(lat) !== undefined ? { lat: num(lat) } : {}),
      ...(num(lng) !== undefined ? { lng: num(lng) } : {}),
    },
  };
}
