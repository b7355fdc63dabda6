/**
 * Vietnamese phone numbers in the national form, digits only: "+84 912 345 678", "84912345678",
 * "0912.345.678" → "0912345678". Returns undefined for anything that is not a plausible number.
 */
export function nationalPhone(input: string): string | undefined {
  const digits = input.replace(/[\s.\-()]/gu, '').replace(/^\+/u, '');
  if (!/^\d+$/u.test(digits)) return undefined;
  const national = digits.startsWith('84') && digits.length >= 11 ? `0${digits.slice(2)}` : digits;
  return /^0\d{9,10}$/u.test(national) ? national : undefined;
}
