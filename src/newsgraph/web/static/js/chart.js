// Cooperation/conflict over time as a diverging bar chart (uPlot, vendored): cooperation above the
// axis in green, conflict below in red, one bar pair per week or month, empty periods kept.
import { empty, h } from './dom.js';

let uPlotModule = null;
async function loadUPlot() {
  if (!uPlotModule) {
    if (!document.querySelector('link[data-uplot]')) {
      document.head.append(h('link', { rel: 'stylesheet', href: 'vendor/uPlot.min.css', 'data-uplot': '' }));
    }
    uPlotModule = (await import('../vendor/uPlot.esm.js')).default;
  }
  return uPlotModule;
}

const DAY = 86400000;
const MAX_FILLED = 520; // never invent more than ten years of empty weeks

/** Normalise a timeline answer to [{label, coop, conflict, events}], oldest first, empty periods filled. */
export function buckets(answer) {
  const list = Array.isArray(answer)
    ? answer
    : answer?.buckets || answer?.timeline || answer?.series || answer?.items || answer?.periods || [];
  const found = new Map();
  for (const b of list) {
    const label = String(b.period ?? b.bucket ?? b.start ?? b.date ?? b.week ?? b.month ?? '').slice(0, 10);
    if (!/^\d{4}-\d{2}/.test(label)) continue;
    const coop = Math.abs(Number(b.cooperation ?? b.coop ?? 0)) || 0;
    const conflict = Math.abs(Number(b.conflict ?? 0)) || 0;
    found.set(label, { label, coop, conflict, events: Number(b.events ?? b.count ?? b.n ?? 0) || 0 });
  }
  const sorted = [...found.values()].sort((a, b) => (a.label < b.label ? -1 : 1));
  if (sorted.length < 2) return sorted;
  const monthly = sorted[0].label.length === 7 || sorted.every((b) => b.label.endsWith('-01'));
  const out = [];
  const next = (label) => {
    if (label.length === 7 || monthly) {
      const [y, m] = label.split('-').map(Number);
      const n = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
      return label.length === 7 ? n : `${n}-01`;
    }
    return new Date(Date.parse(`${label}T00:00:00Z`) + 7 * DAY).toISOString().slice(0, 10);
  };
  let at = sorted[0].label;
  const last = sorted[sorted.length - 1].label;
  while (at <= last && out.length < MAX_FILLED) {
    out.push(found.get(at) || { label: at, coop: 0, conflict: 0, events: 0 });
    at = next(at);
  }
  // Labels that do not fall on the step (irregular weeks) are kept as they are.
  for (const b of sorted) if (!out.includes(found.get(b.label)) && out.length < MAX_FILLED) out.push(b);
  return out.sort((a, b) => (a.label < b.label ? -1 : 1));
}

/** Draw into `box`; returns a cleanup function. `explain` is the empty state's text. */
export async function timeline(box, data, explain) {
  box.replaceChildren();
  if (!data.length || data.every((d) => !d.coop && !d.conflict)) {
    box.append(empty('Nothing to chart yet.', explain));
    return () => {};
  }
  const uPlot = await loadUPlot();
  const xs = data.map((_, i) => i);
  const coop = data.map((d) => d.coop);
  const conflict = data.map((d) => -d.conflict);
  const bars = uPlot.paths.bars({ size: [0.8, 48], align: 0 });
  const top = Math.max(1, ...coop);
  const bottom = Math.min(-1, ...conflict);
  const readout = h('span', { class: 'note readout' }, 'Point at a bar for its figures.');
  const legend = h('div', { class: 'chart-legend' },
    h('span', {}, h('span', { class: 'swatch sq coop' }), 'cooperation'),
    h('span', {}, h('span', { class: 'swatch sq conflict' }), 'conflict (drawn below the line)'),
    readout);
  const plotBox = h('div', {});
  box.append(plotBox, legend);
  const width = () => Math.max(260, box.clientWidth - 16);
  const every = Math.max(1, Math.ceil(data.length / Math.max(2, Math.floor(width() / 70))));
  const plot = new uPlot(
    {
      width: width(),
      height: 220,
      padding: [12, 12, 0, 4],
      legend: { show: false },
      cursor: { drag: { x: false, y: false }, points: { show: false } },
      scales: {
        x: { time: false, range: () => [-0.6, data.length - 0.4] },
        y: { range: () => [bottom * 1.15, top * 1.15] },
      },
      axes: [
        {
          stroke: '#5b6574',
          grid: { show: false },
          splits: () => xs.filter((i) => i % every === 0),
          values: (u, splits) => splits.map((i) => data[i]?.label ?? ''),
        },
        {
          stroke: '#5b6574',
          grid: { stroke: '#eef1f5' },
          size: 44,
          values: (u, vals) => vals.map((v) => String(Math.abs(v))),
        },
      ],
      series: [
        {},
        { label: 'Cooperation', stroke: '#2e8b57', fill: 'rgba(46,139,87,.8)', paths: bars, points: { show: false } },
        { label: 'Conflict', stroke: '#c0392b', fill: 'rgba(192,57,43,.8)', paths: bars, points: { show: false } },
      ],
      hooks: {
        setCursor: [
          (u) => {
            const i = u.cursor.idx;
            const d = i == null ? null : data[i];
            readout.textContent = d
              ? `${d.label}: cooperation ${d.coop.toFixed(1)}, conflict ${d.conflict.toFixed(1)}${d.events ? `, ${d.events} event${d.events === 1 ? '' : 's'}` : ''}`
              : 'Point at a bar for its figures.';
          },
        ],
      },
    },
    [xs, coop, conflict],
    plotBox,
  );
  const onResize = () => plot.setSize({ width: width(), height: 220 });
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    plot.destroy();
  };
}
