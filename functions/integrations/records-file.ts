/**
 * Reads the files the one-stop system and the address directory export: JSON (an array, or
 * `{items:[…]}`, or one object per line) or CSV with a header row (RFC 4180 quoting; `;` or `,`).
 */
export function parseRecords(text: string, fileName: string): Record<string, unknown>[] {
  const body = text.replace(/^\uFEFF/u, '').trim();
  if (!body) return [];
  if (/\.csv$/iu.test(fileName) || (!body.startsWith('[') && !body.startsWith('{'))) return parseCsv(body);
  if (body.startsWith('[')) return JSON.parse(body) as Record<string, unknown>[];
  try {
    const one = JSON.parse(body) as { items?: unknown };
    if (Array.isArray(one.items)) return one.items as Record<string, unknown>[];
    return [one as Record<string, unknown>];
  } catch {
    return body
      .split(/\r?\n/u)
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export function parseCsv(text: string): Record<string, string>[] {
  const firstLine = text.split(/\r?\n/u, 1)[0] ?? '';
  const sep = (firstLine.match(/;/gu)?.length ?? 0) > (firstLine.match(/,/gu)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  const [header, ...data] = rows.filter((r) => r.some((c) => c.trim()));
  if (!header) return [];
  const keys = header.map((h) => h.trim());
  return data.map((r) =>
    Object.fromEntries(keys.map((k, i) => [k, (r[i] ?? '').trim()]).filter(([, v]) => v !== '')),
  );
}
