import { deflateRawSync, inflateRawSync } from 'node:zlib';

/**
 * JSON values stored as one compact binary attribute: raw DEFLATE of the UTF-8 JSON, primed with a
 * preset dictionary. DynamoDB bills a write per started KB of the item, and a session or a turn's
 * messages as a nested map cost 1–3 KB (and marshalling them attribute by attribute costs CPU on both
 * ends); packed, a typical one fits in one write unit. The dictionary holds what every item repeats
 * (the model's field names, the fixed phrases of the assistant's answers), which plain DEFLATE
 * cannot exploit in a value of one or two KB: measured on the scripted conversation of
 * bench/store-ops.ts, a session of 2.3 KB packs to ~1.07 KB without it and ~0.63 KB with it.
 *
 * The first byte names the format, so the dictionary can change without losing what was written:
 * a new dictionary is a new format byte, and the old ones stay readable here forever.
 */

/** Format 1's dictionary. Frozen: items written with it must stay readable; add a format to change it. */
const DICTIONARY_1 = Buffer.from(
  [
    '{"ref":{"channel":"web","userId":"',
    '{"ref":{"channel":"zalo","userId":"',
    '"state":"bot","unhelpfulStreak":0,"createdAt":"20',
    '"state":"waiting_staff","escalationId":"',
    '"pending":{"kind":"',
    '"updatedAt":"20',
    '"rate":{"window":',
    '"count":',
    '"lastIntent":"procedure_info","lastEntryId":"',
    '"lastAspect":"',
    '"lastCandidates":["',
    '"verifiedDossiers":["',
    '"recentEvents":[{"key":"zalo:msg:',
    '"replyIds":["01',
    '"unprojected":[',
    '"effects":[{"kind":"',
    '"notice":{"kind":"dossier_status","code":"',
    '"procedure":"',
    '"status":"',
    '"agency":"',
    '"staffId":"',
    '"lastTurn":{"messages":[',
    '{"id":"01',
    '","from":"user","text":"',
    '","from":"staff","text":"',
    '","from":"system","text":"',
    '","from":"bot","text":"',
    '"createdAt":"20',
    '"understanding":{"intent":"',
    '"confidence":1,"aspect":"',
    '"entryId":"',
    '"entryTitle":"',
    '"quickReplies":[{"title":"',
    '"payload":"#qr:aspect:',
    '"payload":"#qr:entry:',
    '"payload":"#qr:handoff"}',
    '{"title":"Lệ phí","payload":"#qr:aspect:',
    '{"title":"Thời gian giải quyết","payload":"#qr:aspect:',
    '{"title":"Nơi nộp","payload":"#qr:aspect:',
    '{"title":"Hữu ích","payload":"#qr:helpful:',
    '{"title":"Chưa hữu ích","payload":"#qr:helpful:',
    '"links":[{"title":"Xem chi tiết trên Cổng DVC quốc gia","url":"https://dichvucong.gov.vn/thu-tuc-hanh-chinh/',
    '{"title":"Cổng Dịch vụ công quốc gia","url":"https://dichvucong.gov.vn/"}]',
    'Thông thường cần:\\n• ',
    'Trường hợp đặc biệt (',
    'xem thêm tại liên kết.',
    '\\nThông tin kiểm tra ngày ',
    '; quy định có thể thay đổi, vui lòng kiểm tra lại trước khi nộp.',
    'Bạn có thể nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia',
    'thủ tục hành chính',
    'hồ sơ',
    'giấy tờ',
    'lệ phí',
    'Ủy ban nhân dân',
    'Công an',
    'cán bộ',
  ].join(''),
  'utf8',
);

const FORMAT_DEFLATE_1 = 1;

/** The value's JSON, compressed, behind its format byte. */
export function packJson(value: unknown): Uint8Array {
  const body = deflateRawSync(JSON.stringify(value), { dictionary: DICTIONARY_1 });
  const out = new Uint8Array(body.length + 1);
  out[0] = FORMAT_DEFLATE_1;
  out.set(body, 1);
  return out;
}

/** The value packJson packed. Throws on bytes it did not write (an unknown format, corrupt data). */
export function unpackJson(bytes: Uint8Array): unknown {
  if (bytes[0] !== FORMAT_DEFLATE_1) throw new Error(`unknown packed format ${bytes[0]}`);
  const body = bytes.subarray(1);
  return JSON.parse(inflateRawSync(body, { dictionary: DICTIONARY_1 }).toString('utf8'));
}

/** Binary attribute values as the table adapters return them (DynamoDB's B; Uint8Array). */
export const isBytes = (value: unknown): value is Uint8Array => value instanceof Uint8Array;
