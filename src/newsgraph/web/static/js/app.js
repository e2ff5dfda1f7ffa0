// The router: '#/<view>/<arg>?<params>' -> a view's render(root, route). Views return a cleanup function.
import { errorBox, h } from './dom.js';
import { resolveNames } from './api.js';
import { hideTip } from './widgets.js';

// Each view's module is loaded when first shown (the first page loads only what it draws).
const VIEWS = {
  network: [() => import('./views/network.js'), 'render', 'network'],
  documents: [() => import('./views/documents.js'), 'render', 'documents'],
  doc: [() => import('./views/reader.js'), 'render', 'documents'],
  actor: [() => import('./views/actor.js'), 'render', 'network'],
  dyad: [() => import('./views/actor.js'), 'renderDyad', 'network'],
  stories: [() => import('./views/stories.js'), 'render', 'stories'],
  story: [() => import('./views/stories.js'), 'renderStory', 'stories'],
  forecasts: [() => import('./views/forecasts.js'), 'render', 'forecasts'],
  search: [() => import('./views/search.js'), 'render', null],
};

let cleanup = null;
let generation = 0;

export function parseRoute(hash) {
  const raw = hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q >= 0 ? raw.slice(0, q) : raw;
  const params = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : '');
  const parts = path.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  return { name: parts[0] || 'network', arg: parts.slice(1).join('/'), params };
}

async function show() {
  const route = parseRoute(location.hash);
  const [load, entry, tab] = VIEWS[route.name] || VIEWS.network;
  const mine = ++generation;
  hideTip();
  if (cleanup) {
    try {
      cleanup();
    } catch { /* a view's cleanup must not block the next view */ }
    cleanup = null;
  }
  for (const a of document.querySelectorAll('.tabs a')) {
    if (a.dataset.view === tab) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const q = route.name === 'search' ? route.params.get('q') || '' : null;
  if (q !== null) document.getElementById('search-q').value = q;
  const root = document.getElementById('view');
  // A fresh container per view, swapped in when it is ready, so a slow view never flashes half-drawn.
  const next = h('div', { class: `view view-${route.name}` });
  root.replaceChildren(next);
  next.append(h('p', { class: 'loading' }, 'Loading…'));
  try {
    route.stale = () => mine !== generation;
    const render = (await load())[entry];
    const done = await render(next, route);
    if (mine !== generation) {
      if (typeof done === 'function') done();
      return;
    }
    cleanup = typeof done === 'function' ? done : null;
    resolveNames(next);
    markReady(route.name);
  } catch (err) {
    if (mine !== generation) return;
    next.replaceChildren(errorBox(err));
    markReady(route.name);
  }
}

// body[data-ready] says the view is drawn and usable (tests and benchmarks wait for it); the
// performance mark 'ready:<view>' times it from the start of navigation.
function markReady(name) {
  document.body.dataset.ready = name;
  if (!performance.getEntriesByName(`ready:${name}`).length) performance.mark(`ready:${name}`);
}

document.getElementById('search-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const q = document.getElementById('search-q').value.trim();
  location.hash = q ? `#/search?q=${encodeURIComponent(q)}` : '#/documents';
});
document.addEventListener('keydown', (e) => {
  if (e.key === 'Escape') hideTip();
  if (e.key === '/' && !/INPUT|TEXTAREA|SELECT/.test(document.activeElement?.tagName || '')) {
    e.preventDefault();
    document.getElementById('search-q').focus();
  }
});
window.addEventListener('hashchange', () => {
  delete document.body.dataset.ready;
  show();
});
show();
