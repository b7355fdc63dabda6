/**
 * Personal data never reaches a log in clear. Everything a log line carries goes through `redact`:
 * phone numbers, 12-digit citizen ids, e-mail addresses, and fields whose name says they hold a
 * person's data. Dossier codes stay readable (they identify a case, not a person). The same rules
 * clean what is stored for staff to read (the unanswered-questions report).
 *
 * Digits of any script are read as ASCII first ("０９１２…" typed on a full-width keyboard is a
 * phone too), and a phone counts from 9 digits (a number typed partly, "091234567", still
 * identifies a person) to 11.
 */
const PHONE = /(?<![\d.])(?:\+?84[\s.-]?|0)(?:\d[\s.-]?){7,9}\d(?![\d])/gu;
const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;
const CITIZEN_ID = /(?<!\d)\d{12}(?!\d)/gu;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
const SENSITIVE_KEYS =
  /^(phone|phoneNumber|sharedPhone|citizenId|applicantName|name|displayName|email|text|accessToken|refreshToken|access_token|refresh_token|authorization|token|secret)$/iu;

/**
 * The ASCII digit a decimal digit of another script stands for. Unicode lays each script's digits
 * out as runs of ten from zero (a few runs back to back, e.g. the mathematical digits), so the value
 * is the distance from the first digit of the run, modulo ten.
 */
function asciiDigit(digit: string): string {
  let zero = digit.codePointAt(0) as number;
  while (zero > 0 && /\p{Nd}/u.test(String.fromCodePoint(zero - 1))) zero -= 1;
  return String(((digit.codePointAt(0) as number) - zero) % 10);
}

export function redactText(value: string): string {
  return value
    .replace(NON_ASCII_DIGIT, asciiDigit)
    .replace(EMAIL, '[email]')
    .replace(CITIZEN_ID, '[id]')
    .replace(PHONE, '[phone]');
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
