import type { Metrics } from './metrics';

const escapeXml = (text: string): string =>
  text.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

/**
 * The confusion matrix as a self-contained SVG heat map: rows are the expected intents, columns the
 * predicted ones; shading is the share of the row (blue on the diagonal, red off it), with counts.
 */
export function confusionSvg(metrics: Metrics, title: string): string {
  const cell = 34;
  const left = 150;
  const top = 160;
  const n = metrics.labels.length;
  const width = left + n * cell + 20;
  const height = top + n * cell + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${left}" y="18" font-size="14" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${left + (n * cell) / 2}" y="${top - 128}" text-anchor="middle" fill="#555">predicted →</text>`,
    `<text x="14" y="${top + (n * cell) / 2}" text-anchor="middle" fill="#555" transform="rotate(-90 14 ${top + (n * cell) / 2})">expected →</text>`,
  ];
  metrics.labels.forEach((label, i) => {
    const y = top + i * cell + cell / 2 + 4;
    parts.push(`<text x="${left - 6}" y="${y}" text-anchor="end">${escapeXml(label)}</text>`);
    const x = left + i * cell + cell / 2 + 4;
    parts.push(
      `<text x="${x}" y="${top - 6}" transform="rotate(-60 ${x} ${top - 6})">${escapeXml(label)}</text>`,
    );
  });
  metrics.confusion.forEach((row, i) => {
    const total = row.reduce((a, b) => a + b, 0) || 1;
    row.forEach((count, j) => {
      const share = count / total;
      const x = left + j * cell;
      const y = top + i * cell;
      const fill =
        count === 0
          ? '#f7f7f7'
          : i === j
            ? `rgb(${Math.round(230 - 190 * share)},${Math.round(240 - 150 * share)},255)`
            : `rgb(255,${Math.round(225 - 200 * Math.min(1, share * 4))},${Math.round(225 - 200 * Math.min(1, share * 4))})`;
      parts.push(`<rect x="${x}" y="${y}" width="${cell - 1}" height="${cell - 1}" fill="${fill}"/>`);
      if (count > 0) {
        const colour = i === j && share > 0.6 ? '#ffffff' : '#111111';
        parts.push(
          `<text x="${x + cell / 2}" y="${y + cell / 2 + 4}" text-anchor="middle" fill="${colour}">${count}</text>`,
        );
      }
    });
  });
  parts.push(
    `<text x="${left}" y="${height - 12}" fill="#555">accuracy ${(metrics.accuracy * 100).toFixed(1)}% · macro-F1 ${(metrics.macroF1 * 100).toFixed(1)}% · ${metrics.total} messages</text>`,
  );
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
