// Small SVG charts for the satisfaction report, drawn by hand so the console needs no library.
// Each chart carries a text alternative (aria-label) and a <title> per bar for a hover tooltip.

import { formatCount, formatPercent } from './labels.js';

const svgNs = 'http://www.w3.org/2000/svg';

function svg(tag, attributes = {}, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const shorten = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Colour by how the rate compares with the target, so a late problem is seen at a glance. */
const barClass = (rate, target) =>
  rate >= target ? 'bar bar-good' : rate >= target - 0.15 ? 'bar bar-fair' : 'bar bar-poor';

/**
 * Vertical bars of the satisfaction rate over time, with the target as a dashed line.
 * @param {Array<{label: string, tick?: string, ratings: number, rate: number}>} items in time order
 * @param {{title: string, target?: number}} options
 */
export function columnChart(items, { title, target = 0.9 }) {
  const height = 200;
  const top = 14;
  const bottom = 34;
  const left = 40;
  const slot = Math.max(14, Math.min(48, 640 / Math.max(items.length, 1)));
  // A floor on the width keeps a short series (one day) from being blown up to the card's size.
  const width = Math.max(480, left + slot * Math.max(items.length, 1) + 8);
  const plot = height - top - bottom;
  const y = (rate) => top + plot * (1 - Math.max(0, Math.min(1, rate)));
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart chart-columns',
    role: 'img',
    'aria-label': `${title}: ${items.map((item) => `${item.label} ${formatPercent(item.rate)}`).join('; ')}`,
  });
  for (const rate of [0, 0.5, 1]) {
    root.append(svg('line', { x1: left, x2: width - 4, y1: y(rate), y2: y(rate), class: 'grid' }));
    root.append(
      svg('text', { x: left - 6, y: y(rate) + 4, class: 'axis', 'text-anchor': 'end' }, `${rate * 100}%`),
    );
  }
  const labelEvery = Math.ceil(items.length / 12);
  items.forEach((item, index) => {
    const x = left + index * slot + slot * 0.15;
    const barWidth = slot * 0.7;
    const barTop = y(item.rate);
    const bar = svg('rect', {
      x,
      y: barTop,
      width: barWidth,
      height: Math.max(item.ratings > 0 ? 1 : 0, y(0) - barTop),
      rx: 2,
      class: barClass(item.rate, target),
    });
    bar.append(
      svg('title', {}, `${item.label}: ${formatPercent(item.rate)} (${formatCount(item.ratings)} lượt)`),
    );
    root.append(bar);
    if (index % labelEvery === 0) {
      root.append(
        svg(
          'text',
          { x: x + barWidth / 2, y: height - bottom + 16, class: 'axis', 'text-anchor': 'middle' },
          item.tick ?? item.label,
        ),
      );
    }
  });
  const targetLine = svg('line', { x1: left, x2: width - 4, y1: y(target), y2: y(target), class: 'target' });
  targetLine.append(svg('title', {}, `Mục tiêu ${formatPercent(target)}`));
  root.append(targetLine);
  return root;
}

/**
 * Horizontal bars, one row per group (intent, channel, team…), longest first as given.
 * @param {Array<{label: string, ratings: number, rate: number}>} items
 * @param {{title: string, target?: number}} options
 */
export function barList(items, { title, target = 0.9 }) {
  const row = 30;
  const labelWidth = 170;
  const barSpace = 220;
  const width = labelWidth + barSpace + 125;
  const height = Math.max(1, items.length) * row + 6;
  const root = svg('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart chart-bars',
    role: 'img',
    'aria-label': `${title}: ${items.map((item) => `${item.label} ${formatPercent(item.rate)}, ${item.ratings} lượt`).join('; ')}`,
  });
  items.forEach((item, index) => {
    const yTop = index * row + 4;
    const group = svg('g');
    group.append(
      svg(
        'title',
        {},
        `${item.label}: ${formatPercent(item.rate)} hài lòng (${formatCount(item.ratings)} lượt)`,
      ),
    );
    group.append(
      svg(
        'text',
        { x: labelWidth - 8, y: yTop + 17, class: 'label', 'text-anchor': 'end' },
        shorten(item.label, 24),
      ),
    );
    group.append(
      svg('rect', { x: labelWidth, y: yTop + 4, width: barSpace, height: row - 12, rx: 3, class: 'track' }),
    );
    group.append(
      svg('rect', {
        x: labelWidth,
        y: yTop + 4,
        width: Math.max(item.ratings > 0 ? 2 : 0, barSpace * Math.max(0, Math.min(1, item.rate))),
        height: row - 12,
        rx: 3,
        class: barClass(item.rate, target),
      }),
    );
    group.append(
      svg(
        'text',
        { x: labelWidth + barSpace + 8, y: yTop + 17, class: 'value' },
        `${formatPercent(item.rate)} · ${formatCount(item.ratings)} lượt`,
      ),
    );
    root.append(group);
  });
  const targetX = labelWidth + barSpace * target;
  root.append(svg('line', { x1: targetX, x2: targetX, y1: 0, y2: height, class: 'target' }));
  return root;
}
