// The forecast ledger: who predicted what, stated when, due in which window, and whether it came true.
import { listPage } from '../api.js';
import { add, clear, empty, fmtDate, h, route } from '../dom.js';
import { actorLink, field, filterForm, pager, select } from '../widgets.js';

const LIMIT = 50;
const DAY = 86400000;

export async function render(root, { params }) {
  const { p, offset, list, n } = await listPage('forecasts', params, LIMIT);
  clear(root);
  add(root, 
    h('h1', {}, 'Forecast ledger'),
    h('p', { class: 'lede' }, 'Every predicted or planned outcome found in the news, with its predictor, the window in which it is due, ',
      'and its status: open until later news reports it (came true) or its window passes.'),
    filterForm(
      [
        select('Status', 'status', p.status, [['', 'any status'], ['open', 'open'], ['due', 'due now'], ['came_true', 'came true'], ['expired', 'expired']]),
        field('Due before', 'due_before', p.due_before, { type: 'date' }),
        field('Predictor', 'predictor', p.predictor, { type: 'search', placeholder: 'e.g. Sobolev', size: 14 }),
      ],
      (data) => {
        location.hash = route('forecasts', null, data);
      },
    ),
  );
  if (!list.length) {
    add(root, p.status || p.due_before || p.predictor
      ? empty('No forecast matches these filters.', 'Clear a filter to see more.')
      : empty('No forecasts yet.', 'Forecasts come from statements such as “X could happen within five years”; analyse more news to fill the ledger.'));
    return null;
  }
  const range = span(list);
  add(root, 
    h('p', { class: 'meta' }, `${n.toLocaleString()} forecast${n === 1 ? '' : 's'}`, range ? ` · bars run from ${range.label}` : ''),
    h('div', { class: 'table-wrap' }, h('table', { class: 'stack' },
      h('thead', {}, h('tr', {}, ['Status', 'Proposition', 'Predictor', 'Stated', 'Window', 'Confidence', 'Source'].map((t) => h('th', {}, t)))),
      h('tbody', {}, list.map((f) => h('tr', {},
        h('td', { 'data-label': 'Status' }, h('span', { class: `badge st-${f.status || 'open'}` }, (f.status || 'open').replace('_', ' '))),
        h('td', { 'data-label': 'Proposition' }, f.proposition || ''),
        h('td', { 'data-label': 'Predictor' }, f.predictor ? actorLink(f.predictor, f.predictor_name) : '—'),
        h('td', { 'data-label': 'Stated' }, fmtDate(f.stated_on)),
        h('td', { 'data-label': 'Window' }, f.not_before || f.by
          ? [`${fmtDate(f.not_before) || '…'} – ${fmtDate(f.by) || 'open-ended'}`, bar(f, range)]
          : h('span', { class: 'kind' }, 'no window stated')),
        h('td', { 'data-label': 'Confidence' }, f.confidence || ''),
        h('td', { 'data-label': 'Source' }, f.doc_id ? h('a', { href: route('doc', f.doc_id) }, f.title || 'document') : ''),
      ))),
    )),
    pager(n, LIMIT, offset, (o) => {
      location.hash = route('forecasts', null, { ...p, offset: o });
    }),
  );
  return null;
}

function span(list) {
  const days = [];
  for (const f of list) for (const d of [f.stated_on, f.not_before, f.by]) if (d) days.push(Date.parse(String(d).slice(0, 10)));
  days.push(Date.now());
  const ok = days.filter(Number.isFinite);
  if (ok.length < 2) return null;
  const lo = Math.min(...ok);
  const hi = Math.max(...ok);
  if (hi - lo < DAY) return null;
  return { lo, hi, label: `${new Date(lo).toISOString().slice(0, 10)} to ${new Date(hi).toISOString().slice(0, 10)} (black tick: today)` };
}

/** The window as a bar on the ledger's common time axis, with today as a tick. */
function bar(f, range) {
  if (!range) return null;
  const pos = (d) => ((d - range.lo) / (range.hi - range.lo)) * 100;
  const start = Date.parse(String(f.not_before || f.stated_on || '').slice(0, 10));
  const end = Date.parse(String(f.by || '').slice(0, 10));
  const el = h('div', { class: 'window', 'aria-hidden': 'true' });
  const s = h('div', { class: 'span' });
  const a = Number.isFinite(start) ? pos(start) : 0;
  const b = Number.isFinite(end) ? pos(end) : 100;
  s.style.left = `${a}%`;
  s.style.width = `${Math.max(1, b - a)}%`;
  const now = h('div', { class: 'now' });
  now.style.left = `${pos(Date.now())}%`;
  el.append(s, now);
  return el;
}
