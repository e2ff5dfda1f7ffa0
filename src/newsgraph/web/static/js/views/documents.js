// The stored documents: text search, outlet and date filters, newest first.
import { listPage } from '../api.js';
import { add, clear, empty, fmtDate, h, route } from '../dom.js';
import { field, filterForm, pager } from '../widgets.js';

const LIMIT = 50;

export async function render(root, { params }) {
  const { p, offset, list: docs, n } = await listPage('documents', params, LIMIT);
  clear(root);
  add(root, 
    h('h1', {}, 'Documents'),
    h('p', { class: 'lede' }, 'Every stored article, cleaned of page furniture. Open one to read it with its actors, events, statements and times marked.'),
    filterForm(
      [
        field('Text', 'q', p.q, { type: 'search', placeholder: 'words in the article', size: 22 }),
        field('Outlet', 'outlet', p.outlet, { type: 'search', placeholder: 'e.g. CNBC', size: 12 }),
        field('From', 'since', p.since, { type: 'date' }),
        field('Until', 'until', p.until, { type: 'date' }),
      ],
      (data) => {
        location.hash = route('documents', null, data);
      },
    ),
  );
  if (!docs.length) {
    const filtered = p.q || p.outlet || p.since || p.until;
    add(root, filtered
      ? empty('No document matches these filters.', 'Try fewer words or a wider date range.')
      : empty('No documents yet.', 'Analyse some news with ', h('code', {}, 'newsgraph analyze examples/'), ' and reload.'));
    return null;
  }
  add(root, 
    h('p', { class: 'meta' }, `${n.toLocaleString()} document${n === 1 ? '' : 's'}`),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'stack' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Title'), h('th', {}, 'Outlet'), h('th', {}, 'Published'))),
        h('tbody', {}, docs.map((d) => h(
          'tr',
          {},
          h('td', { 'data-label': 'Title' }, h('a', { href: route('doc', d.id) }, d.title || d.url || d.origin || d.id),
            d.snippet ? h('div', { class: 'evidence' }, d.snippet) : null),
          h('td', { 'data-label': 'Outlet' }, d.credited_source || d.site || d.outlet || ''),
          h('td', { 'data-label': 'Published' }, fmtDate(d.published)),
        ))),
      ),
    ),
    pager(n, LIMIT, offset, (o) => {
      location.hash = route('documents', null, { ...p, offset: o });
    }),
  );
  return null;
}
