import { unifyDashes } from './mask';

/**
 * A citizen identity number: 12 digits, the first three being the province of birth registration
 * (001–096), typed together or in even groups ("056 090 001 234", "0560.9000.1234"). Uneven groups
 * are left alone, so that a phone number followed by another number is never read as one.
 */
export const CITIZEN_ID_PATTERN =
  /(?<![\p{L}\p{N}.-])(0\d{11}|0\d{2}[ .]\d{3}[ .]\d{3}[ .]\d{3}|0\d{3}[ .]\d{4}[ .]\d{4})(?![\p{N}]|[.-]\d)/gu;

export function extractCitizenIds(raw: string): string[] {
  const ids: string[] = [];
  for (const match of unifyDashes(raw).matchAll(CITIZEN_ID_PATTERN)) {
    const digits = (match[1] ?? '').replace(/\D/gu, '');
    const province = Number(digits.slice(0, 3));
    if (province >= 1 && province <= 96 && !ids.includes(digits)) ids.push(digits);
  }
  return ids;
}

export function citizenId(raw: string): string | undefined {
  return extractCitizenIds(raw)[0];
}
