import { CITIZEN_ID_PATTERN } from './citizen-id';
import { dossierCodeRegExp } from './dossier-code';
import { maskSpans, unifyDashes } from './mask';

const DOSSIER_CODE = dossierCodeRegExp();

/**
 * A Vietnamese phone number in any of the forms people type: `0912345678`, `0912.345.678`,
 * `0912 345 678`, `+84 912 345 678`, `(+84) 912345678`, `84912345678`, and 11-digit landlines
 * (`0259 3822 123`). Value: digits only, national form.
 * Mobile numbers start 03/05/07/08/09 and have 10 digits; landlines start 02 and have 11.
 */
const SEP = '[ .-]?';
export const PHONE_PATTERN = new RegExp(
  `(?<![\\p{L}\\p{N}.+-])(\\(?\\+?84\\)?${SEP}|0)([35789](?:${SEP}\\d){8}|2(?:${SEP}\\d){9})(?![\\p{N}]|[.-]\\d)`,
  'gu',
);

/** Dossier codes and citizen ids are blanked out first: their digits must not be read as a phone. */
export function extractPhones(text: string): string[] {
  const phones: string[] = [];
  const masked = maskSpans(maskSpans(unifyDashes(text.normalize('NFC')), DOSSIER_CODE), CITIZEN_ID_PATTERN);
  for (const match of masked.matchAll(PHONE_PATTERN)) {
    const national = `0${(match[2] ?? '').replace(/\D/gu, '')}`;
    if (!phones.includes(national)) phones.push(national);
  }
  return phones;
}

export function phone(text: string): string | undefined {
  return extractPhones(text)[0];
}
