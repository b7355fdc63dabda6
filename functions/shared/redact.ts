/**
 * Personal data never reaches a log in clear. Everything a log line carries goes through `redact`:
 * phone numbers, 12-digit citizen ids, e-mail addresses, and fields whose name says they hold a
 * person's data. Dossier codes stay readable (they identify a case, not a person).
 */
const PHONE = /(?<![\d.])(?:\+?84[\s.-]?|0)(?:\d[\s.-]?){8,9}\d(?![\d])/gu;
const CITIZEN_ID = /(?<!\d)\d{12}(?!\d)/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const SENSITIVE_KEYS =
  /^(phone|phoneNumber|sharedPhone|citizenId|applicantName|name|displayName|email|text|accessToken|refreshToken|access_token|refresh_token|authorization|token|secret)$/iu;

export function redactText(value: string): string {
  return value.replace(EMAIL, '[email]').replace(CITIZEN_ID, '[id]').replace(PHONE, '[phone]');
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[…]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value && typeof value === 'object') {
    if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SENSITIVE_KEYS.test(k) && v !== undefined && v !== null ? `[${k}]` : redact(v, depth + 1);
    }
    return out;
  }
  return value;
}
