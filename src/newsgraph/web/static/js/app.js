// The router: '#/<view>/<arg>?<params>' -> a view's render(root, route). Views return a cleanup function.
import { errorBox, h } from './dom.js';
import { resolveNames } from './api.js';
import { hideTip } from './widgets.js';
import * as network from './views/network.js';
import * as documents from './views/documents.js';
import * as reader from './views/reader.js';
import * as actor from './views/actor.js';
import * as forecasts from './views/forecasts.js';
import * as search from './views/search.js';

const VIEWS = {
  network: [network.render, 'network'],
  documents: [documents.render, 'documents'],
  doc: [reader.render, 'documents'],
  actor: [actor.render, 'network'],
  dyad: [actor.renderDyad, 'network'],
  forecasts: [forecasts.render, 'forecasts'],
  search: [search.render, null],
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
  const [render, tab] = VIEWS[route.name] || VIEWS.network;
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
    const done = await render(next, route);
    if (mine !== generation) {
      if (typeof done === 'function') done();
      return;
    }
    cleanup = typeof done === 'function' ? done : null;
    resolveNames(next);
    document.body.dataset.ready = route.name;
  } catch (err) {
    if (mine !== generation) return;
    next.replaceChildren(errorBox(err));
    document.body.dataset.ready = route.name;
  }
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
