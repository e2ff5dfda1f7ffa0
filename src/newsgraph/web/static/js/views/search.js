// Search across documents, actors and statements (the API's full-text index).
import { get, rememberActors, rows } from '../api.js';
import { add, clear, empty, fmtDate, h, route } from '../dom.js';
import { statementItem } from '../widgets.js';

export async function render(root, { params }) {
  const q = (params.get('q') || '').trim();
  clear(root);
  if (!q) {
    add(root, h('h1', {}, 'Search'), empty('Type a name or some words in the search box above.', 'It searches article text and titles, actor names and aliases, and what was said. Press / to jump to it.'));
    return null;
  }
  const answer = await get('search', { q });
  const docs = rows(answer?.documents ?? [], 'documents');
  const actors = rows(answer?.actors ?? [], 'actors');
  const statements = rows(answer?.statements ?? [], 'statements');
  rememberActors(actors);
  add(root, h('h1', {}, 'Results for ', h('q', {}, q)));
  if (!docs.length && !actors.length && !statements.length) {
    add(root, empty('Nothing found.', 'Check the spelling or try a shorter query; names match their aliases too (e.g. “Kremlin” finds Russia).'));
    return null;
  }
  add(root, h('div', { class: 'results' },
    h('section', {}, h('h2', {}, `Actors (${actors.length})`),
      actors.length ? h('ul', { class: 'items' }, actors.map((a) => h('li', {},
        h('a', { href: route('actor', a.id) }, a.name || a.id), ' ', h('span', { class: 'kind' }, [a.kind, a.country].filter(Boolean).join(' · ')))))
        : empty('No actor by that name.')),
    h('section', {}, h('h2', {}, `Documents (${docs.length})`),
      docs.length ? h('ul', { class: 'items' }, docs.map((d) => h('li', {},
        h('a', { href: route('doc', d.id) }, d.title || d.url || d.id),
        h('div', { class: 'meta' }, h('span', {}, fmtDate(d.published)), h('span', {}, d.credited_source || d.site || '')),
        d.snippet ? h('p', { class: 'evidence' }, d.snippet) : null)))
        : empty('No document mentions it.')),
    h('section', {}, h('h2', {}, `Statements (${statements.length})`),
      statements.length ? h('ul', { class: 'items' }, statements.map(statementItem)) : empty('No statement matches.')),
  ));
  return null;
}
