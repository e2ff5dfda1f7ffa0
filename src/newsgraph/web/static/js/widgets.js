// Pieces several views share: actor links, relay chains, event and statement items, pagers, tooltips.
import { actorName } from './api.js';
import { fmtDate, fmtWhen, h, isActorId, prettyId, route, tone } from './dom.js';

/** A link to an actor's page, labelled with its name (or its id until the name arrives). */
export function actorLink(id, name) {
  if (!isActorId(id)) return h('span', {}, name || id || 'unknown');
  const known = name || actorName(id);
  return h(
    'a',
    { href: route('actor', id), class: 'actor-link', dataset: known ? {} : { actorName: id } },
    known || prettyId(id),
  );
}

export function actorList(ids) {
  const list = (ids || []).filter(Boolean);
  if (!list.length) return h('span', { class: 'kind' }, '—');
  return list.flatMap((id, i) => (i ? [', ', actorLink(id)] : [actorLink(id)]));
}

/** speaker -> channel -> outlet -> this page */
export function chainEl(chain) {
  const hops = (chain || []).map((hop) => {
    const name = hop?.name || (hop?.actor_id ? prettyId(hop.actor_id) : '?');
    return h('span', { class: 'hop' }, name);
  });
  return h('span', { class: 'chain', 'aria-label': 'relay chain' }, hops);
}

export function chainText(chain) {
  return (chain || []).map((hop) => hop?.name || prettyId(hop?.actor_id)).join(' → ');
}

export function eventBadges(event) {
  return [
    h('span', { class: `badge ${tone(event)}`, title: event.cameo ? `CAMEO ${event.cameo}` : null }, event.type || '?'),
    ' ',
    h('span', { class: `badge mod-${event.modality || 'asserted'}` }, event.modality || 'asserted'),
    event.background ? [' ', h('span', { class: 'badge neutral' }, 'background')] : null,
  ];
}

/** One event as a list item: type, modality, source -> target, date, evidence, document. */
export function eventItem(event) {
  const doc = event.doc_id || event.document;
  const when = fmtWhen(event.date) || fmtDate(event.published);
  return h(
    'li',
    { class: 'event', dataset: { ev: event.id || '' } },
    h('div', {}, eventBadges(event), ' ', actorList(event.source), h('span', { class: 'kind' }, ' → '), actorList(event.target)),
    event.evidence?.text ? h('p', { class: 'evidence' }, event.evidence.text) : null,
    h(
      'div',
      { class: 'meta' },
      when ? h('span', {}, when) : null,
      doc ? h('a', { href: route('doc', doc) }, event.title || 'source document') : null,
    ),
  );
}

/** One statement: speaker, words, chain, date, document. */
export function statementItem(st) {
  const doc = st.doc_id || st.document;
  return h(
    'li',
    { class: 'statement', dataset: { st: st.id || '' } },
    h('div', {}, isActorId(st.speaker) ? actorLink(st.speaker, st.speaker_name) : h('strong', {}, st.speaker_text || st.speaker || 'unknown'),
      ' ', h('span', { class: 'kind' }, st.cue || ''), ' ', h('span', { class: 'badge neutral' }, st.form || '')),
    h('p', { class: 'quote' }, st.content || ''),
    h(
      'div',
      { class: 'meta' },
      st.chain?.length ? chainEl(st.chain) : null,
      fmtWhen(st.date) || fmtDate(st.published) ? h('span', {}, fmtWhen(st.date) || fmtDate(st.published)) : null,
      doc ? h('a', { href: route('doc', doc) }, st.title || 'source document') : null,
    ),
  );
}

/** "1–50 of 230" with previous/next buttons; onPage(offset). */
export function pager(totalRows, limit, offset, onPage) {
  if (!totalRows || totalRows <= limit) return null;
  const last = Math.min(offset + limit, totalRows);
  return h(
    'div',
    { class: 'pager' },
    h('button', { type: 'button', disabled: offset <= 0, onclick: () => onPage(Math.max(0, offset - limit)) }, '← Previous'),
    h('span', {}, `${offset + 1}–${last} of ${totalRows}`),
    h('button', { type: 'button', disabled: last >= totalRows, onclick: () => onPage(offset + limit) }, 'Next →'),
  );
}

// The tooltip: one element for the whole app, filled with DOM nodes (never HTML).
const tip = () => document.getElementById('tip');

export function showTip(anchor, ...content) {
  const el = tip();
  el.replaceChildren(...content.flat().filter(Boolean));
  el.hidden = false;
  const r = anchor.getBoundingClientRect();
  const w = el.offsetWidth;
  const hgt = el.offsetHeight;
  let left = Math.min(Math.max(8, r.left), window.innerWidth - w - 8);
  let top = r.bottom + 6;
  if (top + hgt > window.innerHeight - 8) top = Math.max(8, r.top - hgt - 6);
  el.style.left = `${left}px`;
  el.style.top = `${top}px`;
}

export function hideTip() {
  const el = tip();
  if (el) el.hidden = true;
}

/** A filter form whose submit writes its fields into the route (so every view is a shareable URL). */
export function filterForm(fields, onSubmit, submitLabel = 'Apply') {
  const form = h('form', { class: 'filters', role: 'search' }, fields, h('button', { type: 'submit' }, submitLabel));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const data = {};
    for (const [k, v] of new FormData(form).entries()) {
      data[k] = data[k] ? `${data[k]},${v}` : v;
    }
    onSubmit(data);
  });
  return form;
}

export function field(label, name, value, attrs = {}) {
  return h('label', {}, label, h('input', { name, value: value || '', ...attrs }));
}

export function select(label, name, value, options) {
  return h(
    'label',
    {},
    label,
    h('select', { name }, options.map(([v, text]) => h('option', { value: v, selected: v === (value || '') }, text))),
  );
}
