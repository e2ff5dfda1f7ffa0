// An actor's page (who it is on a date, its cooperation/conflict over time, its events and statements)
// and the same timeline for a pair of actors (a dyad).
import { actorName, get, rememberActors, rows, total } from '../api.js';
import { add, clear, empty, fmtDate, h, prettyId, route } from '../dom.js';
import { buckets, timeline } from '../chart.js';
import { actorLink, eventItem, pager, statementItem } from '../widgets.js';

const LIMIT = 30;
const COUNTED = 'Only asserted and reported events count; predicted, planned, hypothetical and negated ones are listed but not charted.';

export async function render(root, { arg, params }) {
  const interval = params.get('interval') === 'week' ? 'week' : 'month';
  const date = params.get('date') || '';
  const evOffset = Number(params.get('eo')) || 0;
  const stOffset = Number(params.get('so')) || 0;
  const id = encodeURIComponent(arg);
  const aboutOffset = Number(params.get('ao')) || 0;
  const [info, line, evs, sts, about] = await Promise.all([
    get(`actors/${id}`, { date }),
    get(`actors/${id}/timeline`, { interval }).catch((err) => ({ error: err })),
    get(`actors/${id}/events`, { limit: LIMIT, offset: evOffset }),
    get(`actors/${id}/statements`, { role: 'speaker', limit: LIMIT, offset: stOffset }),
    get(`actors/${id}/statements`, { role: 'about', limit: LIMIT, offset: aboutOffset }),
  ]);
  const actor = info?.actor || info;
  rememberActors([actor]);
  const events = rows(evs, 'events');
  const statements = rows(sts, 'statements');
  const aboutIt = rows(about, 'statements');
  const here = (extra) => route('actor', arg, { interval, date, eo: evOffset || null, so: stOffset || null, ao: aboutOffset || null, ...extra });
  clear(root);
  add(root, 
    h('div', { class: 'actor-head' },
      h('div', {}, h('h1', {}, actor.name || prettyId(arg)),
        h('div', { class: 'meta' }, h('span', {}, actor.kind || 'actor'), actor.country ? h('span', {}, actor.country) : null,
          actor.wikidata ? h('a', { href: `https://www.wikidata.org/wiki/${encodeURIComponent(actor.wikidata)}`, rel: 'noopener noreferrer', target: '_blank' }, `Wikidata ${actor.wikidata} ↗`) : null)),
      dateForm(date, (d) => { location.hash = here({ date: d }); })),
    facts(actor, date),
  );
  const chartBox = h('div', { class: 'chart', 'aria-label': 'Cooperation and conflict over time' });
  add(root, chartHead(`Cooperation and conflict involving ${actor.name || prettyId(arg)}`, interval, (iv) => { location.hash = here({ interval: iv }); }),
    chartBox, h('p', { class: 'note' }, COUNTED));
  const partners = counterparts(events, arg);
  if (partners.length) {
    add(root, h('p', { class: 'meta' }, 'Compare with: ',
      partners.slice(0, 8).map((p, i) => [i ? ' · ' : '', h('a', { href: route('dyad', null, { a: arg, b: p, interval }) }, actorName(p) || prettyId(p))])));
  }
  add(root, h('div', { class: 'two-col' },
    h('section', { 'aria-label': 'Events' }, h('h2', {}, `Events (${total(evs)})`),
      events.length ? h('ul', { class: 'items' }, events.map(eventItem)) : empty('No events.', 'This actor is not the source or target of any coded event.'),
      pager(total(evs), LIMIT, evOffset, (o) => { location.hash = here({ eo: o }); })),
    h('section', { 'aria-label': 'Statements' }, h('h2', {}, `Statements by ${actor.name || prettyId(arg)} (${total(sts)})`),
      statements.length ? h('ul', { class: 'items' }, statements.map(statementItem)) : empty('None.', 'No quote or paraphrase of this actor is stored.'),
      pager(total(sts), LIMIT, stOffset, (o) => { location.hash = here({ so: o }); }),
      h('h2', {}, `Statements about ${actor.name || prettyId(arg)} (${total(about)})`),
      aboutIt.length ? h('ul', { class: 'items' }, aboutIt.map(statementItem)) : empty('None.', 'No stored statement names this actor.'),
      pager(total(about), LIMIT, aboutOffset, (o) => { location.hash = here({ ao: o }); })),
  ));
  const drawn = line?.error
    ? (chartBox.append(empty('The timeline could not be loaded.', String(line.error.message))), () => {})
    : await timeline(chartBox, buckets(line), 'No asserted or reported event involving this actor has a date to place it in time. ' + COUNTED);
  return drawn;
}

function dateForm(date, go) {
  const input = h('input', { type: 'date', name: 'date', value: date, 'aria-label': 'Memberships and roles on this date' });
  const form = h('form', { class: 'filters' }, h('label', {}, 'Memberships and roles on', input), h('button', { type: 'submit' }, 'Show'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    go(input.value);
  });
  return form;
}

function facts(actor, date) {
  const on = date || actor.date || '';
  const cards = [];
  const aliases = [...(actor.aliases || []), ...(actor.acronyms || [])].filter((a, i, all) => a && all.indexOf(a) === i);
  if (aliases.length) cards.push(card('Also called', aliases.slice(0, 24)));
  const current = actor.role_on_date;
  if (current) cards.push(card(`Office on ${on}`, [role(current)]));
  const memberOf = actor.member_of || actor.memberships || [];
  if (memberOf.length) cards.push(card(`Member of, on ${on}`, memberOf.map(membership)));
  const members = actor.members || [];
  if (members.length) cards.push(card(`Members on ${on} (${members.length})`, members.map(membership)));
  const roles = actor.roles || [];
  if (roles.length) cards.push(card('Offices held', roles.map(role)));
  if (!cards.length) {
    return h('p', { class: 'note' }, actor.in_knowledge_base === false
      ? 'Not in the knowledge base: this actor was found in the news only (no aliases, memberships or offices known).'
      : 'The knowledge base records no aliases, memberships or offices for this actor.');
  }
  return h('div', { class: 'facts' }, cards);
}

function card(title, items) {
  return h('div', { class: 'card' }, h('h3', {}, title), h('ul', { class: items.length > 10 ? 'many' : null }, items.map((i) => h('li', {}, i))));
}

function span(from, to) {
  const a = fmtDate(from);
  const b = fmtDate(to);
  return a || b ? ` (${a || '…'} – ${b || 'now'})` : '';
}

function membership(m) {
  return [actorLink(m.id, m.name), span(m.since, m.until)];
}

function role(r) {
  const what = r.position || r.title || 'office';
  return [what, r.title && r.position && r.title !== r.position ? ` (${r.title})` : '', r.org ? [' of ', actorLink(r.org)] : '', span(r.start, r.end)];
}

function counterparts(events, self) {
  const count = new Map();
  for (const e of events) {
    for (const other of [...(e.source || []), ...(e.target || [])]) {
      if (other && other !== self) count.set(other, (count.get(other) || 0) + 1);
    }
  }
  return [...count.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

function chartHead(title, interval, go) {
  const seg = h('div', { class: 'seg', role: 'group', 'aria-label': 'Interval' },
    ['week', 'month'].map((iv) => h('button', { type: 'button', 'aria-pressed': String(iv === interval), onclick: () => go(iv) }, `per ${iv}`)));
  return h('div', { class: 'chart-head' }, h('h2', {}, title), seg);
}

export async function renderDyad(root, { params }) {
  const a = params.get('a') || '';
  const b = params.get('b') || '';
  const interval = params.get('interval') === 'week' ? 'week' : 'month';
  clear(root);
  if (!a || !b) {
    add(root, h('h1', {}, 'Pair of actors'), empty('Pick two actors.', 'Open an actor and follow a “Compare with” link, or click a cooperation or conflict edge in the network.'));
    return null;
  }
  const [line, evs, infoA, infoB] = await Promise.all([
    get('dyads', { a, b, interval }),
    get(`actors/${encodeURIComponent(a)}/events`, { limit: 200 }),
    get(`actors/${encodeURIComponent(a)}`).catch(() => null),
    get(`actors/${encodeURIComponent(b)}`).catch(() => null),
  ]);
  rememberActors([infoA?.actor || infoA, infoB?.actor || infoB].filter(Boolean));
  const nameA = actorName(a) || prettyId(a);
  const nameB = actorName(b) || prettyId(b);
  const between = rows(evs, 'events').filter((e) => [...(e.source || []), ...(e.target || [])].includes(b));
  const box = h('div', { class: 'chart', 'aria-label': `Cooperation and conflict between ${nameA} and ${nameB}` });
  add(root, 
    h('h1', {}, h('a', { href: route('actor', a) }, nameA), ' and ', h('a', { href: route('actor', b) }, nameB)),
    h('p', { class: 'lede' }, 'What each did to the other, in both directions. ', h('a', { href: route('dyad', null, { a: b, b: a, interval }) }, 'Swap')),
    chartHead('Cooperation and conflict', interval, (iv) => { location.hash = route('dyad', null, { a, b, interval: iv }); }),
    box,
    h('p', { class: 'note' }, COUNTED),
    h('h2', {}, `Events between them (${between.length})`),
    between.length ? h('ul', { class: 'items' }, between.map(eventItem)) : empty('No events between these two.', 'Neither is the source of an event whose target is the other.'),
  );
  return timeline(box, buckets(line), `No dated, asserted or reported event between ${nameA} and ${nameB}. ${COUNTED}`);
}
