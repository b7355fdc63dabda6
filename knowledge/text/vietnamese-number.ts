/**
 * A number as Vietnamese text writes it: thousands grouped with dots, decimals after a comma
 * (1234567 → "1.234.567", 2.5 → "2,5"), as the catalogue writes fees and time limits. Grouped by
 * hand rather than with `toLocaleString('de-DE')`, which goes through ICU on every call: a fee or a
 * time limit is formatted on most procedure answers.
 */
export function vietnameseNumber(n: number): string {
  if (!Number.isInteger(n)) return String(n).replace('.', ',');
  // Beyond 2^53 String() may switch to exponent form; no amount in the catalogue comes near it.
  if (!Number.isSafeInteger(n)) return n.toLocaleString('de-DE');
  const digits = String(Math.abs(n));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += '.';
    out += digits[i];
  }
  return n < 0 ? `-${out}` : out;
}
