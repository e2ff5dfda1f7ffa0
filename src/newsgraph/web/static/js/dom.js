// DOM helpers. Every piece of data goes into the page as a text node or an attribute value set
// through the DOM; nothing here ever parses HTML, so a hostile article cannot run script.

/** Build an element: h('a', {href: '#/x', class: 'c', onclick: fn}, 'text', child, [more]). */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'href') el.setAttribute('href', safeHref(value));
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  add(el, children);
  return el;
}

/** Append children (nodes, strings, numbers, nested arrays; null and false are skipped). */
export function add(el, ...children) {
  for (const child of [children].flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/** Links go to this app's routes, or to http(s) pages; anything else (javascript:, data:) is dropped. */
export function safeHref(value) {
  const s = String(value);
  if (s.startsWith('#')) return s;
  try {
    const url = new URL(s, document.baseURI);
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch { /* not a URL */ }
  return '#';
}

export function clear(el) {
  el.replaceChildren();
  return el;
}

/** A route link: route('actor', id, {date}) -> '#/actor/<id>?date=...'. */
export function route(name, arg, params) {
  let out = `#/${name}`;
  if (arg !== undefined && arg !== null && arg !== '') out += `/${encodeURIComponent(arg)}`;
  const qs = query(params);
  return qs ? `${out}?${qs}` : out;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    q.set(k, String(v));
  }
  return q.toString();
}

export function empty(title, ...explain) {
  return h('div', { class: 'empty', role: 'status' }, h('strong', {}, title), explain.length ? ' ' : null, explain);
}

export function errorBox(err) {
  return h('div', { class: 'error', role: 'alert' }, h('strong', {}, 'Could not load this view. '), String(err?.message || err));
}

/** 'person:viktor-sobolev' -> 'Viktor Sobolev' when the store has no name for an id. */
export function prettyId(id) {
  const s = String(id || '');
  const tail = s.includes(':') ? s.slice(s.indexOf(':') + 1) : s;
  const words = tail.split('@')[0].replace(/[-_]+/g, ' ').trim();
  return words ? words.replace(/\b\p{L}/gu, (c) => c.toUpperCase()) : s;
}

export function fmtDate(value) {
  if (!value) return '';
  return String(value).slice(0, 10);
}

/** A compact, human date range for a {from, to, value} time record. */
export function fmtWhen(date) {
  if (!date) return '';
  if (typeof date === 'string') return fmtDate(date);
  const from = fmtDate(date.from);
  const to = fmtDate(date.to);
  if (from && to) return from === to ? from : `${from} – ${to}`;
  if (from) return `from ${from}`;
  if (to) return `by ${to}`;
  return date.value || '';
}

export const PLOVER_TYPES = [
  'AGREE', 'CONSULT', 'SUPPORT', 'CONCEDE', 'COOPERATE', 'AID', 'RETREAT', 'REQUEST',
  'ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT',
];
const CONFLICT = new Set(['ACCUSE', 'REJECT', 'THREATEN', 'PROTEST', 'SANCTION', 'MOBILIZE', 'COERCE', 'ASSAULT']);
const NEUTRAL = new Set(['REQUEST']);

/** 'coop' | 'conflict' | 'neutral' for an event record (intensity first, then its PLOVER type). */
export function tone(event) {
  const i = Number(event?.intensity);
  if (Number.isFinite(i) && i !== 0) return i > 0 ? 'coop' : 'conflict';
  const t = String(event?.type || '').toUpperCase();
  if (NEUTRAL.has(t) || !t) return 'neutral';
  return CONFLICT.has(t) ? 'conflict' : 'coop';
}

/** Map an actor kind to one of the legend's colour groups. */
export function kindGroup(kind) {
  const k = String(kind || '').toLowerCase();
  if (k === 'state' || k === 'government' || k === 'country') return 'state';
  if (['alliance', 'igo', 'organisation', 'organization', 'ngo', 'party', 'armed_group', 'group', 'company'].includes(k)) return 'org';
  if (k === 'person' || k === 'people' || k === 'civilians') return 'person';
  if (k === 'media' || k === 'outlet') return 'media';
  if (k === 'region' || k === 'place' || k === 'city' || k === 'territory') return 'place';
  return 'other';
}

export const KIND_GROUPS = [
  ['state', 'States'], ['org', 'Alliances, organisations, parties'], ['person', 'People'],
  ['media', 'Media'], ['place', 'Regions and places'], ['other', 'Other, unresolved'],
];

/** Actor ids are Wikidata ids (Q123) or prefixed ('person:…', 'unresolved:…'); a speaker the
 * attribution stage could not resolve is stored as its words, which name no actor page. */
export function isActorId(id) {
  return /^(Q\d+|[a-z_]+:\S.*)$/.test(String(id || ''));
}
