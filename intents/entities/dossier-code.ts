import * as z from 'zod/mini';
import { unifyDashes } from './mask';

/**
 * A dossier code is `<agency>-<yymmdd>-<nnnn>`, e.g. `H43.25-241008-0012` or
 * `000.00.18.H43-240915-0007`. Each part is a regular-expression source so the province's exact
 * pattern can be set in configuration without touching code.
 */
export const DossierCodeFormatSchema = z.object({
  /** Letters, digits and dots, with at least one letter (so a date range is not a code). */
  agency: z.string().check(z.minLength(1)),
  date: z.string().check(z.minLength(1)),
  serial: z.string().check(z.minLength(1)),
});
export type DossierCodeFormat = z.infer<typeof DossierCodeFormatSchema>;

export const DEFAULT_DOSSIER_CODE_FORMAT: Readonly<DossierCodeFormat> = Object.freeze({
  agency: '(?=[A-Z0-9.]*[A-Z])[A-Z0-9]+(?:\\.[A-Z0-9]+)*',
  date: '\\d{6}',
  serial: '\\d{4}',
});

/**
 * Spaces around the dashes are tolerated ("H43.25 - 241008 - 0012"); the value is written without.
 * A format from configuration is checked; the default one is known good, and checking it at import
 * (zod compiles a validator on first use) was a few milliseconds of every cold start (issue 17).
 */
export function dossierCodeRegExp(format: DossierCodeFormat = DEFAULT_DOSSIER_CODE_FORMAT): RegExp {
  const { agency, date, serial } =
    format === DEFAULT_DOSSIER_CODE_FORMAT ? format : DossierCodeFormatSchema.parse(format);
  return new RegExp(`(?<![A-Z0-9.])(${agency}) ?- ?(${date}) ?- ?(${serial})(?![A-Z0-9]|-\\d)`, 'giu');
}

const DEFAULT_PATTERN = dossierCodeRegExp();

/** Every dossier code in the message, upper-cased, in order, without duplicates. */
export function extractDossierCodes(raw: string, pattern: RegExp = DEFAULT_PATTERN): string[] {
  const codes: string[] = [];
  for (const match of unifyDashes(raw.normalize('NFC')).matchAll(new RegExp(pattern.source, pattern.flags))) {
    const code = `${match[1]}-${match[2]}-${match[3]}`.toUpperCase();
    if (!codes.includes(code)) codes.push(code);
  }
  return codes;
}

/** The first dossier code of the message (the contract's `dossierCode`). */
export function dossierCode(raw: string, pattern: RegExp = DEFAULT_PATTERN): string | undefined {
  return extractDossierCodes(raw, pattern)[0];
}
