// Charts as inline SVG built from elements (no library, nothing inline for the CSP to refuse).
import { s } from './dom.js';

// A line of the last values (queries/s), scaled to its maximum.
export function lineChart(values, label) {
  const w = 300, hgt = 80, pad = 4;
  const max = Math.max(1, ...values);
  const step = values.length > 1 ? (w - 2 * pad) / (values.length - 1) : 0;
  const points = values.map((v, i) => (pad + i * step).toFixed(1) + ',' + (hgt - pad - (v / max) * (hgt - 2 * pad)).toFixed(1)).join(' ');
  // Stretched to the card's width at a fixed height: strokes keep their width, text stays outside.
  return s('svg', { viewBox: `0 0 ${w} ${hgt}`, preserveAspectRatio: 'none', class: 'chart line', role: 'img', 'aria-label': label + ', max ' + max.toFixed(1) },
    s('title', { text: label + ', max ' + max.toFixed(1) }),
    s('line', { x1: pad, y1: hgt - pad, x2: w - pad, y2: hgt - pad, class: 'axis', 'vector-effect': 'non-scaling-stroke' }),
    values.length > 1 ? s('polyline', { points, class: 'series', 'vector-effect': 'non-scaling-stroke' }) : null);
}

// A ring showing a ratio (blocked, cache hits).
export function ringChart(ratio, label) {
  const r = 34, c = 2 * Math.PI * r;
  const v = Math.max(0, Math.min(1, Number(ratio) || 0));
  return s('svg', { viewBox: '0 0 90 90', class: 'chart ring', role: 'img', 'aria-label': label },
    s('title', { text: label }),
    s('circle', { cx: 45, cy: 45, r, class: 'track' }),
    s('circle', { cx: 45, cy: 45, r, class: 'value', 'stroke-dasharray': `${(v * c).toFixed(2)} ${c.toFixed(2)}`, transform: 'rotate(-90 45 45)' }),
    s('text', { x: 45, y: 50, 'text-anchor': 'middle', class: 'big', text: (v * 100).toFixed(1) + '%' }));
}

// Horizontal bars: [{label, count}].
export function barChart(items, label) {
  const rowH = 22, w = 300, labelW = 150;
  const max = Math.max(1, ...items.map(i => i.count));
  const height = Math.max(rowH, items.length * rowH);
  return s('svg', { viewBox: `0 0 ${w} ${height}`, class: 'chart bars', role: 'img', 'aria-label': label },
    s('title', { text: label }),
    items.map((item, i) => s('g', { transform: `translate(0 ${i * rowH})` },
      s('text', { x: 0, y: 15, class: 'label', text: item.label.length > 24 ? item.label.slice(0, 23) + '…' : item.label }),
      s('rect', { x: labelW, y: 4, height: 14, width: Math.max(1, (item.count / max) * (w - labelW - 40)).toFixed(1), class: 'bar' }),
      s('text', { x: w, y: 15, 'text-anchor': 'end', class: 'count', text: String(item.count) }))));
}
