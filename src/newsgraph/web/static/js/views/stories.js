// Stories: reports of one happening grouped together. The list (latest first), and a story's page: its
// documents in time order with the earliest source marked and copies under their origin, and the events
// and statements it reports, each counted once with its independent sources and corroboration.
import { actorName, get, listPage, rememberActors } from '../api.js';
import { add, clear, empty, fmtDate, h, isActorId, route, tone } from '../dom.js';
import { actorLink, field, filterForm, pager, select } from '../widgets.js';

const LIMIT = 50;
const CORROBORATION = {
  single_source: ['single source', 'One independent source reports it.'],
  relayed: ['relayed', 'Reported through copies or intermediaries of one source.'],
  corroborated: ['corroborated', 'Two or more independent sources report it.'],
};

const plural = (n, one, many = `${one}s`) => `${Number(n).toLocaleString()} ${n === 1 ? one : many}`;

function span(first, last) {
  const a = fmtDate(first);
  const b = fmtDate(last);
  if (!a && !b) return 'date unknown';
  return a === b || !b ? a : `${a} – ${b}`;
}

/** Actors by name (the story's answer carries the names); an id without a page is shown by its name too. */
function actors(ids) {
  const list = (ids || []).filter(Boolean);
  if (!list.length) return h('span', { class: 'kind' }, '—');
  return list.flatMap((id, i) => [i ? ', ' : null, actorLink(id, actorName(id))]);
}

/** The host of a URL ('' when there is none). */
function host(url) {
  try {
    return url ? new URL(url).host : '';
  } catch {
    return '';
  }
}

/** Where a document comes from, in a few words: its outlet, else its site's host, else its title. */
function source(d) {
  if (!d) return '';
  return d.credited_source || d.site || host(d.url) || d.title || d.id;
}

/** A corroboration badge: single source, relayed, corroborated. */
export function corroborationBadge(value) {
  const [label, title] = CORROBORATION[value] || [value || 'unknown', null];
  return h('span', { class: `badge cor-${value || 'unknown'}`, title }, label);
}

export async function render(root, { params }) {
  const { p, offset, list, n } = await listPage('stories', params, LIMIT);
  clear(root);
  add(root,
    h('h1', {}, 'Stories'),
    h('p', { class: 'lede' }, 'Reports of the same happening, grouped across outlets. Copies (reprints of one article) and ',
      'reports credited to one agency count as one source; each story’s events are counted once.'),
    filterForm(
      [
        field('From', 'since', p.since, { type: 'date' }),
        field('Until', 'until', p.until, { type: 'date' }),
        select('Documents', 'min_size', p.min_size, [['', 'any number'], ['2', '2 or more'], ['3', '3 or more'], ['5', '5 or more']]),
      ],
      (data) => {
        location.hash = route('stories', null, data);
      },
    ),
  );
  if (!list.length) {
    add(root, p.since || p.until || p.min_size
      ? empty('No story matches these filters.', 'Try a wider date range or fewer documents.')
      : empty('No stories yet.', 'Stories are made when news is analysed: run ', h('code', {}, 'newsgraph analyze examples/'), ' and reload.'));
    return null;
  }
  add(root,
    h('p', { class: 'meta' }, plural(n, 'story', 'stories')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'stack stories' },
      h('thead', {}, h('tr', {}, ['Story', 'Reported', 'Documents', 'Sources', 'Events'].map((t) => h('th', {}, t)))),
      h('tbody', {}, list.map((s) => h('tr', {},
        h('td', { 'data-label': 'Title' }, h('a', { href: route('story', s.id) }, s.title || 'Untitled story')),
        h('td', { 'data-label': 'Reported' }, span(s.first_seen, s.last_seen)),
        h('td', { 'data-label': 'Documents' }, String(s.documents), s.copies ? h('span', { class: 'kind' }, ` (${plural(s.copies, 'copy', 'copies')})`) : null),
        h('td', { 'data-label': 'Sources' }, String(s.sources)),
        h('td', { 'data-label': 'Events' }, String(s.events),
          s.corroborated_events ? h('span', { class: 'kind' }, ` (${s.corroborated_events} corroborated)`) : null),
      ))),
    )),
    pager(n, LIMIT, offset, (o) => {
      location.hash = route('stories', null, { ...p, offset: o });
    }),
  );
  return null;
}

export async function renderStory(root, { arg }) {
  const story = await get(`stories/${encodeURIComponent(arg)}`);
  rememberActors(story.actors);
  const docs = new Map(story.documents.map((d) => [d.id, d]));
  clear(root);
  add(root,
    h('p', { class: 'crumbs' }, h('a', { href: route('stories') }, '← All stories')),
    h('h1', {}, story.title || 'Untitled story'),
    h('div', { class: 'meta story-facts' },
      h('span', {}, `Reported ${span(story.first_seen, story.last_seen)}`),
      h('span', {}, plural(story.n_documents, 'document')),
      story.copies ? h('span', {}, plural(story.copies, 'copy', 'copies')) : null,
      h('span', {}, plural(story.sources, 'independent source')),
      h('span', {}, plural(story.n_events, 'event')),
    ),
    h('div', { class: 'two-col story-grid' },
      h('section', { 'aria-label': 'Documents' }, h('h2', {}, 'Documents'), documentList(story, docs)),
      h('div', {},
        h('section', { 'aria-label': 'Events' }, h('h2', {}, 'Events it reports'), eventList(story, docs)),
        story.statements.length
          ? h('section', { 'aria-label': 'Statements' }, h('h2', {}, 'Statements'), statementList(story, docs))
          : null),
    ),
  );
  return null;
}

/** Originals in time order, each with the copies of it beneath; copies of a document outside the list last. */
function documentList(story, docs) {
  const links = new Map(story.copy_links.map((c) => [c.doc_id, c]));
  const copiesOf = new Map();
  for (const d of story.documents) {
    if (d.copy_of && docs.has(d.copy_of)) {
      if (!copiesOf.has(d.copy_of)) copiesOf.set(d.copy_of, []);
      copiesOf.get(d.copy_of).push(d);
    }
  }
  const items = story.documents.filter((d) => !d.copy_of || !docs.has(d.copy_of)).map((d) => {
    const copies = copiesOf.get(d.id) || [];
    return h('li', { class: `story-doc${d.earliest ? ' earliest' : ''}`, dataset: { doc: d.id } },
      docLine(d, links.get(d.id), docs),
      copies.length ? h('div', { class: 'copies' },
        h('div', { class: 'kind' }, `Copied by ${plural(copies.length, 'document')}:`),
        h('ul', { class: 'copy-list' }, copies.map((c) => h('li', { class: 'story-doc copy', dataset: { doc: c.id } }, docLine(c, links.get(c.id), docs))))) : null);
  });
  const more = story.n_documents - story.documents.length;
  return [
    h('ul', { class: 'items story-docs' }, items),
    more > 0 ? h('p', { class: 'note' }, `${plural(more, 'later document')} not listed.`) : null,
  ];
}

function docLine(d, link, docs) {
  const outlet = d.credited_source || d.site || host(d.url);
  return [
    h('div', {},
      d.earliest ? [h('span', { class: 'badge earliest-badge', title: 'The earliest report that is not a copy' }, 'earliest source'), ' '] : null,
      h('a', { href: route('doc', d.id) }, d.title || d.url || d.id)),
    h('div', { class: 'meta' },
      h('span', {}, d.published ? fmtDate(d.published) : 'date unknown'),
      outlet ? h('span', {}, outlet) : null,
      link ? h('span', { class: 'copy-of' }, `copy of “${docs.get(link.origin_id)?.title || link.origin_id}”`, link.share != null ? `, ${Math.round(link.share * 100)} % of its paragraphs` : '') : null),
    link && link.paragraphs.length ? h('div', { class: 'paras kind' }, 'Paragraphs copied (copy ← original): ', link.paragraphs.map((p, i) => [
      i ? ', ' : '',
      h('span', { title: `similarity ${p.similarity}${p.from_doc !== link.origin_id ? ` (from ${docs.get(p.from_doc)?.title || p.from_doc})` : ''}` },
        `${p.paragraph + 1}←${p.from_paragraph + 1}`),
    ])) : null,
  ];
}

function reportedIn(rec, docs) {
  const listed = rec.doc_ids.filter((id) => docs.has(id));
  if (!listed.length) return null;
  return h('div', { class: 'reported-in' }, h('span', { class: 'kind' }, 'In: '),
    listed.map((id, i) => [i ? ' · ' : '', h('a', { href: route('doc', id), title: docs.get(id).title || id }, source(docs.get(id)))]));
}

function counts(rec) {
  return h('div', { class: 'meta' },
    corroborationBadge(rec.corroboration),
    h('span', {}, plural(rec.sources, 'source')),
    h('span', {}, plural(rec.documents, 'document')),
    h('span', {}, plural(rec.mentions, 'mention')));
}

const SHOWN = 12;

/** A list that shows its first SHOWN items and a button for the rest (a big story reports hundreds);
 * total: how many there are in all (the API lists the most widely reported first, up to its limit). */
function longList(cls, items, total, noun) {
  const list = h('ul', { class: `items ${cls}` }, items.slice(0, SHOWN));
  const cut = total > items.length
    ? h('p', { class: 'note' }, `The ${items.length.toLocaleString()} most widely reported of ${total.toLocaleString()} ${noun} are listed.`)
    : null;
  if (items.length <= SHOWN) return [list, cut];
  const more = h('button', { type: 'button', class: 'link show-all' }, `Show ${(items.length - SHOWN).toLocaleString()} more ${noun}`);
  more.addEventListener('click', () => {
    add(list, items.slice(SHOWN));
    more.remove();
  });
  return [list, h('p', {}, more), cut];
}

function eventList(story, docs) {
  if (!story.events.length) return empty('No events.', 'No action between actors was coded in these documents.');
  return longList('story-events', story.events.map((e) => h('li', { class: 'event', dataset: { cluster: e.id } },
    h('div', {}, h('span', { class: `badge ${tone(e)}` }, e.type || '?'),
      e.plover_type && e.plover_type !== e.type ? [' ', h('span', { class: 'badge neutral', title: 'PLOVER reading' }, e.plover_type)] : null,
      e.news ? null : [' ', h('span', { class: 'badge mod-predicted', title: 'Predicted, planned or background: not counted as news' }, 'not news')],
      ' ', actors(e.source), h('span', { class: 'kind' }, ' → '), actors(e.target),
      e.date ? h('span', { class: 'kind' }, ` · ${fmtDate(e.date)}`) : null),
    e.evidence ? h('p', { class: 'evidence' }, e.evidence) : null,
    counts(e),
    reportedIn(e, docs))), story.n_events, 'events');
}

function statementList(story, docs) {
  return longList('story-statements', story.statements.map((s) => h('li', { class: 'statement', dataset: { cluster: s.id } },
    h('div', {}, isActorId(s.speaker) ? actorLink(s.speaker, actorName(s.speaker)) : h('strong', {}, s.speaker_text || s.speaker || 'unknown')),
    h('p', { class: 'quote' }, s.content || ''),
    counts(s),
    reportedIn(s, docs))), story.n_statements, 'statements');
}
