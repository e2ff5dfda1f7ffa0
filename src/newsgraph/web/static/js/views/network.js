// The system of interaction: who cooperates with, quarrels with, belongs to and speaks about whom.
import { get, rememberActors } from '../api.js';
import { add, KIND_GROUPS, PLOVER_TYPES, clear, empty, h, kindGroup, route } from '../dom.js';
import { field, filterForm, select } from '../widgets.js';

// More labels than this on one canvas are unreadable, and the force layout's cost grows with the
// square of the nodes (50 nodes and 150 edges lay out in ~0.1 s); the filters narrow the rest.
const MAX_NODES = 50;
const MAX_EDGES = 150;
const COLOURS = { state: '#2f6db5', org: '#7b4fa8', person: '#2f8f6f', media: '#8a8f98', place: '#b88a2a', other: '#6b7480' };
const RELATIONS = [
  ['coop', 'Cooperation (events)', 'cooperation'],
  ['conflict', 'Conflict (events)', 'conflict'],
  ['member', 'Membership', 'membership'],
  ['said', 'Statement about', 'statement'],
];

export async function render(root, { params }) {
  const p = Object.fromEntries(params.entries());
  // The data and the graph library load side by side (the library is ~440 kB to evaluate).
  const [stats, net, lib] = await Promise.all([
    get('stats').catch(() => null),
    get('network', p),
    import('../../vendor/cytoscape.esm.min.js'),
  ]);
  performance.mark('network:data');
  const nodes = net?.nodes || [];
  const edges = net?.edges || [];
  rememberActors(nodes);
  clear(root);
  add(root, 
    h('h1', {}, 'The system of interaction'),
    h(
      'p',
      { class: 'lede' },
      'Actors in the stored news and how they relate: cooperation and conflict from coded events ',
      '(only asserted and reported ones count), membership from the knowledge base, and who spoke about whom. ',
      'Click an actor for its timeline, events and statements; click an event edge for that pair.',
    ),
    statsLine(stats),
    h('details', { class: 'filter-box', open: window.innerWidth > 700 || Object.keys(p).length > 0 },
      h('summary', {}, 'Filters: time window, actor, event type, kinds'), filters(p, stats?.actor_kinds)),
  );
  if (!nodes.length) {
    add(root, 
      stats && !countOf(stats, 'documents')
        ? empty('The store is empty.', 'Analyse some news first, e.g. ', h('code', {}, 'newsgraph analyze examples/'), ', then reload.')
        : empty('No actors in this window.', 'Widen the dates, clear the actor or event type, or tick more kinds of actor.'),
    );
    return null;
  }
  const shown = topNodes(nodes, edges);
  const ids = new Set(shown.map((n) => n.id));
  const among = edges.filter((e) => ids.has(e.source) && ids.has(e.target));
  const shownEdges = among.length > MAX_EDGES
    ? [...among].sort((a, b) => (Number(b.weight) || 0) - (Number(a.weight) || 0)).slice(0, MAX_EDGES)
    : among;
  const graph = h('div', { id: 'graph', role: 'img', 'aria-label': `Network of ${shown.length} actors and ${shownEdges.length} relations` });
  add(root, 
    h(
      'div',
      { class: 'split' },
      h('div', {}, graph,
        shown.length < nodes.length
          ? h('p', { class: 'note' }, `Showing the ${shown.length} most connected of ${nodes.length} actors; narrow the filters to see the others.`)
          : null,
        among.length > shownEdges.length
          ? h('p', { class: 'note' }, `Drawing the ${shownEdges.length} strongest of ${among.length} relations between them.`)
          : null,
        shownEdges.length ? null : h('p', { class: 'note' }, 'No relations between these actors in this window: tick more kinds of actor or widen the dates.')),
      legend(shown, shownEdges),
    ),
  );
  performance.mark('network:dom');
  const cy = draw(lib.default, graph, shown, shownEdges);
  return () => cy.destroy();
}

function countOf(stats, key) {
  const v = stats?.[key] ?? stats?.counts?.[key];
  return typeof v === 'number' ? v : null;
}

function statsLine(stats) {
  if (!stats) return null;
  const parts = [];
  for (const key of ['documents', 'actors', 'events', 'statements', 'forecasts']) {
    const n = countOf(stats, key);
    if (n !== null) parts.push(h('span', {}, h('strong', {}, n.toLocaleString()), ` ${key}`));
  }
  if (stats.first_published) {
    const last = stats.last_published && stats.last_published !== stats.first_published ? ` – ${stats.last_published}` : '';
    parts.push(h('span', {}, `published ${stats.first_published}${last}`));
  }
  return parts.length ? h('p', { class: 'meta stats' }, parts) : null;
}

const KIND_LABELS = { state: 'states', alliance: 'alliances', igo: 'organisations', person: 'people', party: 'parties',
  armed_group: 'armed groups', ngo: 'NGOs', media: 'media', region: 'regions', group: 'groups', unresolved: 'unresolved' };

function filters(p, storeKinds) {
  const kinds = new Set((p.kinds || '').split(',').filter(Boolean));
  const relations = new Set((p.relations || '').split(',').filter(Boolean));
  // The kinds the store holds, main ones first (the four main ones when the store does not say).
  const order = Object.keys(KIND_LABELS);
  const rank = (k) => (order.includes(k) ? order.indexOf(k) : order.length);
  const offered = storeKinds && Object.keys(storeKinds).length
    ? Object.keys(storeKinds).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    : ['state', 'alliance', 'igo', 'person'];
  return filterForm(
    [
      field('From', 'since', p.since, { type: 'date' }),
      field('Until', 'until', p.until, { type: 'date' }),
      field('Actor', 'actor', p.actor, { type: 'search', placeholder: 'e.g. NATO', size: 14 }),
      select('Event type', 'type', p.type, [['', 'any type'], ...PLOVER_TYPES.map((t) => [t, t])]),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Kinds of actor (none ticked: all)'),
        offered.map((v) =>
          h('label', {}, h('input', { type: 'checkbox', name: 'kinds', value: v, checked: kinds.has(v) }), KIND_LABELS[v] || v.replace('_', ' '))),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Relations (none ticked: all)'),
        RELATIONS.map(([, label, rel]) =>
          h('label', {}, h('input', { type: 'checkbox', name: 'relations', value: rel, checked: relations.has(rel) }), label.replace(' (events)', ''))),
      ),
    ],
    (data) => {
      location.hash = route('network', null, data);
    },
  );
}

function topNodes(nodes, edges) {
  if (nodes.length <= MAX_NODES) return nodes;
  const degree = new Map();
  for (const e of edges) {
    for (const end of [e.source, e.target]) degree.set(end, (degree.get(end) || 0) + (Number(e.weight) || 1));
  }
  const score = (n) => (Number(n.weight) || 0) + (degree.get(n.id) || 0);
  return [...nodes].sort((a, b) => score(b) - score(a)).slice(0, MAX_NODES);
}

function legend(shown, edges) {
  const present = new Set(shown.map((n) => kindGroup(n.kind)));
  const relations = new Set(edges.map((e) => e.relation));
  const byWeight = [...shown].sort((a, b) => (Number(b.weight) || 0) - (Number(a.weight) || 0));
  return h(
    'aside',
    { class: 'legend card', 'aria-label': 'Legend and actors' },
    h('div', {}, h('h3', {}, 'Actors'),
      h('ul', {}, KIND_GROUPS.filter(([g]) => present.has(g)).map(([g, label]) =>
        h('li', {}, h('span', { class: `swatch k-${g}` }), label)))),
    relations.size ? h('div', {}, h('h3', {}, 'Relations'),
      h('ul', {}, RELATIONS.filter(([, , rel]) => relations.has(rel)).map(([cls, label]) => h('li', {}, h('span', { class: `stroke ${cls}` }), label))),
      h('p', { class: 'note' }, 'Line width: number of events or statements. Node size: how often the actor appears.')) : null,
    h('div', {}, h('h3', {}, `In view (${shown.length})`),
      h('ul', { class: 'nodelist' }, byWeight.map((n) =>
        h('li', { dataset: { node: n.id } },
          h('span', { class: `swatch k-${kindGroup(n.kind)}` }),
          h('a', { href: route('actor', n.id) }, n.name || n.id),
          h('span', { class: 'w' }, n.weight ?? ''))))),
  );
}

function draw(cytoscape, container, nodes, edges) {
  const weights = nodes.map((n) => Number(n.weight) || 1);
  const ew = edges.length ? edges.map((e) => Number(e.weight) || 1) : [1];
  const cy = cytoscape({
    container,
    elements: [
      ...nodes.map((n) => ({
        data: { id: n.id, label: n.name || n.id, group: kindGroup(n.kind), weight: Number(n.weight) || 1 },
      })),
      ...edges.map((e, i) => ({
        data: {
          id: `e${i}`,
          source: e.source,
          target: e.target,
          relation: e.relation,
          weight: Number(e.weight) || 1,
        },
      })),
    ],
    layout: { name: 'preset' },
    minZoom: 0.2,
    maxZoom: 3,
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'background-color': COLOURS.other,
          width: `mapData(weight, ${Math.min(...weights)}, ${Math.max(...weights) + 0.001}, 18, 56)`,
          height: `mapData(weight, ${Math.min(...weights)}, ${Math.max(...weights) + 0.001}, 18, 56)`,
          'font-size': 12,
          'font-family': 'system-ui, sans-serif',
          color: '#1d2430',
          'text-valign': 'bottom',
          'text-margin-y': 4,
          'text-outline-color': '#fff',
          'text-outline-width': 2,
          'border-width': 2,
          'border-color': '#fff',
        },
      },
      {
        selector: 'edge',
        style: {
          width: `mapData(weight, ${Math.min(...ew)}, ${Math.max(...ew) + 0.001}, 1.5, 9)`,
          'curve-style': 'bezier',
          'line-color': '#8a8f98',
          'target-arrow-color': '#8a8f98',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.8,
          opacity: 0.85,
        },
      },
      // one selector per kind: plain values keep Cytoscape's style cache (function mappers defeat it)
      ...Object.entries(COLOURS).map(([g, colour]) => ({ selector: `node[group = "${g}"]`, style: { 'background-color': colour } })),
      { selector: 'edge[relation = "cooperation"]', style: { 'line-color': '#2e8b57', 'target-arrow-color': '#2e8b57' } },
      { selector: 'edge[relation = "conflict"]', style: { 'line-color': '#c0392b', 'target-arrow-color': '#c0392b' } },
      {
        selector: 'edge[relation = "membership"]',
        style: { 'line-color': '#4a6fa5', 'line-style': 'dotted', 'target-arrow-shape': 'none', width: 2, opacity: 0.7 },
      },
      { selector: 'edge[relation = "statement"]', style: { 'line-style': 'dashed', opacity: 0.6 } },
      { selector: '.faded', style: { opacity: 0.12 } },
      { selector: 'node.hover', style: { 'border-color': '#f0b429', 'border-width': 3 } },
    ],
  });
  // Force-directed layouts come out wider than tall; on a tall (phone) screen turn the drawing a
  // quarter so it fills the box. Never zoom past 1.4 on small graphs; keep labels readable.
  performance.mark('network:layout');
  cy.layout(edges.length ? layoutFor(nodes.length) : { name: 'grid', avoidOverlap: true, padding: 30, fit: false }).run();
  performance.mark('network:laid-out');
  const bb = cy.nodes().boundingBox();
  if (container.clientHeight > container.clientWidth !== bb.h > bb.w) {
    cy.nodes().positions((n) => ({ x: n.position('y'), y: n.position('x') }));
  }
  cy.fit(undefined, 30);
  if (cy.zoom() > 1.4) {
    cy.zoom(1.4);
    cy.center();
  }
  cy.style().selector('node').style('font-size', Math.min(16, Math.max(11, 11 / cy.zoom()))).update();
  cy.on('tap', 'node', (e) => {
    location.hash = route('actor', e.target.id());
  });
  cy.on('tap', 'edge', (e) => {
    const rel = e.target.data('relation');
    if (rel === 'cooperation' || rel === 'conflict') {
      location.hash = route('dyad', null, { a: e.target.data('source'), b: e.target.data('target') });
    }
  });
  cy.on('mouseover', 'node', (e) => {
    const hood = e.target.closedNeighborhood();
    cy.elements().not(hood).addClass('faded');
    e.target.addClass('hover');
    container.style.cursor = 'pointer';
  });
  cy.on('mouseout', 'node', (e) => {
    cy.elements().removeClass('faded');
    e.target.removeClass('hover');
    container.style.cursor = '';
  });
  // The accessible list beside the canvas lights up its node on hover.
  const list = container.closest('.split')?.querySelector('.nodelist');
  list?.addEventListener('mouseover', (e) => {
    const id = e.target.closest('[data-node]')?.dataset.node;
    cy.elements().removeClass('faded');
    if (id) cy.elements().not(cy.getElementById(id).closedNeighborhood()).addClass('faded');
  });
  list?.addEventListener('mouseleave', () => cy.elements().removeClass('faded'));
  window.newsgraph = Object.assign(window.newsgraph || {}, { cy });
  return cy;
}

function layoutFor(n) {
  // cose (force-directed, built into Cytoscape); fewer iterations on larger graphs keep it near 0.1 s.
  const big = n > 30;
  return {
    name: 'cose', animate: false, padding: 30, fit: false, nodeOverlap: 40,
    nodeRepulsion: () => (big ? 90000 : 30000), idealEdgeLength: () => (big ? 150 : 110), gravity: big ? 0.4 : 1,
    numIter: big ? 300 : 1000,
  };
}
