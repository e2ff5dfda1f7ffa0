// The document reader: the cleaned text with actors, events, statements and times marked, and what
// cleaning removed shown apart. Text goes in as text nodes only (see dom.js).
import { get, rememberActors } from '../api.js';
import { add, clear, empty, fmtDate, fmtWhen, h, kindGroup, prettyId, route } from '../dom.js';
import { actorLink, chainEl, eventBadges, eventItem, hideTip, showTip, statementItem } from '../widgets.js';

const LAYERS = [
  ['a', 'Actors', 'a'],
  ['e', 'Events (trigger word)', 'e'],
  ['q', 'Statements', 'q'],
  ['t', 'Times', 't'],
];

export async function render(root, { arg }) {
  const doc = await get(`documents/${encodeURIComponent(arg)}`);
  const record = doc?.document && doc.document.text !== undefined ? doc.document : doc;
  rememberActors(record.actors);
  const actors = new Map((record.actors || []).map((a) => [a.id, a]));
  const index = annotations(record, actors);
  clear(root);
  const text = h('div', { class: 'text', lang: record.language || null }, segments(record.text || '', index.spans));
  const article = h(
    'article',
    { class: 'article', 'aria-labelledby': 'doc-title' },
    h('h1', { id: 'doc-title' }, record.title || 'Untitled document'),
    meta(record),
    toggles(),
    text,
  );
  const side = sidePanel(record, index);
  add(root, h('div', { class: 'reader-grid' }, h('div', {}, article, removed(record)), side));
  wire(root, text, side, index, actors);
  return () => hideTip();
}

function meta(d) {
  const outlet = d.credited_source || d.site;
  return h(
    'div',
    { class: 'meta' },
    d.published ? h('span', {}, `Published ${fmtDate(d.published)}`) : h('span', {}, 'Date unknown'),
    outlet ? h('span', {}, `Outlet: ${outlet}`) : null,
    d.translated_from ? h('span', {}, `Machine-translated from ${languageName(d.translated_from)}`) : null,
    d.url ? h('a', { href: d.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'Original page ↗') : null,
    !d.url && d.origin ? h('span', {}, `From ${d.origin}`) : null,
    d.copy_of?.origin ? h('a', { href: route('doc', d.copy_of.origin), class: 'copy-of' }, 'A copy: read the original') : null,
    d.copied_by?.length ? h('span', {}, `Copied by ${d.copied_by.length} document${d.copied_by.length === 1 ? '' : 's'}`) : null,
    d.story ? h('a', { href: route('story', d.story), class: 'story-link' }, 'Its story: every report ›') : null,
  );
}

function toggles() {
  const box = h('div', { class: 'hl-toggles', role: 'group', 'aria-label': 'Highlight' });
  for (const [key, label, sample] of LAYERS) {
    const input = h('input', { type: 'checkbox', checked: true });
    input.addEventListener('change', () => {
      box.closest('.article').classList.toggle(`no-${key}`, !input.checked);
    });
    box.append(h('label', {}, input, h('span', { class: `sample ${sample}` }, label)));
  }
  return box;
}

/** Every annotation as {start, end, kind, ...}; event triggers are found inside their evidence sentence. */
function annotations(d, actors) {
  const text = d.text || '';
  const spans = [];
  const push = (start, end, rec) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start && start >= 0 && end <= text.length) {
      spans.push({ start, end, ...rec });
    }
  };
  for (const m of d.mentions || []) {
    if (!m.actor_id) continue;
    push(m.start, m.end, { kind: 'a', id: m.actor_id, group: kindGroup(actors.get(m.actor_id)?.kind) });
  }
  (d.times || []).forEach((t, i) => push(t.start, t.end, { kind: 't', id: String(i), rec: t }));
  for (const s of d.statements || []) push(s.start, s.end, { kind: 'q', id: s.id, rec: s });
  for (const e of d.events || []) {
    const ev = e.evidence || {};
    push(ev.start, ev.end, { kind: 'x', id: e.id });
    const trig = trigger(text, ev, e.trigger);
    if (trig) push(trig[0], trig[1], { kind: 'e', id: e.id, rec: e });
  }
  return {
    spans,
    statements: new Map((d.statements || []).map((s) => [s.id, s])),
    events: new Map((d.events || []).map((e) => [e.id, e])),
    times: d.times || [],
  };
}

function trigger(text, evidence, word) {
  if (!word || !Number.isInteger(evidence.start)) return null;
  const sentence = text.slice(evidence.start, evidence.end).toLowerCase();
  const w = String(word).toLowerCase();
  let at = -1;
  const re = new RegExp(`(^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'u');
  const m = re.exec(sentence);
  if (m) at = m.index + m[1].length;
  return at < 0 ? null : [evidence.start + at, evidence.start + at + w.length];
}

/** Split the text at every annotation boundary; each piece is a text node or a span naming what covers it. */
function segments(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const s of spans) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out = [];
  const firstOf = new Set();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const piece = text.slice(a, b);
    const over = spans.filter((s) => s.start <= a && s.end >= b);
    if (!over.some((s) => s.kind !== 'x')) {
      if (!over.length) {
        out.push(document.createTextNode(piece));
        continue;
      }
    }
    const el = h('span', {}, piece);
    const classes = [];
    for (const s of over) {
      if (s.kind === 'a' && !el.dataset.a) {
        classes.push('a', `k-${s.group}-u`);
        el.dataset.a = s.id;
      } else if (s.kind === 't' && !el.dataset.t) {
        classes.push('t');
        el.dataset.t = s.id;
      } else if (s.kind === 'q' && !el.dataset.q) {
        classes.push('q');
        el.dataset.q = s.id;
      } else if (s.kind === 'e' && !el.dataset.e) {
        classes.push('e', `mod-${s.rec.modality || 'asserted'}`);
        el.dataset.e = s.id;
      } else if (s.kind === 'x') {
        el.dataset.x = el.dataset.x ? `${el.dataset.x} ${s.id}` : s.id;
      }
      // The first piece of each statement and each event trigger can take keyboard focus.
      const key = `${s.kind}:${s.id}`;
      if ((s.kind === 'q' || s.kind === 'e') && !firstOf.has(key)) {
        firstOf.add(key);
        el.tabIndex = 0;
      }
    }
    el.className = classes.join(' ');
    out.push(el);
  }
  return out;
}

function section(title, count, open, body) {
  return h('details', { open }, h('summary', {}, title, ' ', h('span', { class: 'n' }, `(${count})`)), body);
}

function sidePanel(d, index) {
  const statements = d.statements || [];
  const events = d.events || [];
  const forecasts = d.forecasts || [];
  return h(
    'aside',
    { class: 'side', 'aria-label': 'What the document says' },
    section('Statements', statements.length, true, statements.length
      ? h('ul', { class: 'items' }, statements.map((s) => statementItem({ ...s, doc_id: null })))
      : empty('No statements.', 'Nobody is quoted or paraphrased in this document.')),
    section('Events', events.length, true, events.length
      ? h('ul', { class: 'items' }, events.map((e) => eventItem({ ...e, doc_id: null, evidence: null })))
      : empty('No events.', 'No action between actors was coded in this document.')),
    forecasts.length ? section('Forecasts', forecasts.length, true,
      h('ul', { class: 'items' }, forecasts.map((f) => h('li', {},
        h('div', {}, h('span', { class: `badge st-${f.status}` }, (f.status || 'open').replace('_', ' ')), ' ', f.predictor ? actorLink(f.predictor) : 'predictor unknown'),
        h('p', { class: 'quote' }, f.proposition || ''),
        h('div', { class: 'meta' }, h('span', {}, `due ${fmtDate(f.not_before) || '…'} – ${fmtDate(f.by) || 'open-ended'}`),
          f.confidence ? h('span', {}, f.confidence) : null))))) : null,
    index.times.length ? section('Times', index.times.length, false,
      h('ul', { class: 'items' }, index.times.map((t, i) => h('li', { dataset: { t: String(i) } },
        h('strong', {}, t.text), ' ', h('span', { class: 'kind' }, `${t.value || ''} ${fmtWhen(t) ? `(${fmtWhen(t)})` : ''}`))))) : null,
  );
}

function removed(d) {
  const lines = d.boilerplate || [];
  const dups = Number(d.duplicates_removed) || 0;
  if (!lines.length && !dups) {
    return h('section', { class: 'removed', 'aria-label': 'Removed from the page' }, h('h2', {}, 'Removed from the page'),
      h('p', { class: 'note' }, 'Nothing: the input held no page furniture and no repeated paragraphs.'));
  }
  return h(
    'section',
    { class: 'removed', 'aria-label': 'Removed from the page' },
    h('h2', {}, 'Removed from the page'),
    h('p', { class: 'note' }, 'Cleaning took these out of the text above; offsets in the data point into the cleaned text.'),
    lines.length ? [h('h3', {}, `Page furniture (${lines.length})`), h('ul', {}, lines.map((l) => h('li', {}, typeof l === 'string' ? l : l?.text || JSON.stringify(l))))] : null,
    dups ? h('p', {}, `${dups} paragraph${dups === 1 ? '' : 's'} printed twice removed.`) : null,
  );
}

/** Hover and focus: tooltips on the text, and the text and the side lists light each other up. */
function wire(root, text, side, index, actors) {
  const mark = (attr, id, cls, on) => {
    for (const el of text.querySelectorAll(`[data-${attr}]`)) {
      const ids = el.dataset[attr].split(' ');
      if (ids.includes(id)) el.classList.toggle(cls, on);
    }
  };
  const tipFor = (el) => {
    const parts = [];
    const st = el.dataset.q && index.statements.get(el.dataset.q);
    if (st) {
      parts.push(h('div', { class: 'tip-title' }, `Statement by ${actors.get(st.speaker)?.name || st.speaker_text || prettyId(st.speaker)}`),
        h('div', { class: 'tip-sub' }, [st.form, st.cue ? `“${st.cue}”` : null, fmtWhen(st.date)].filter(Boolean).join(' · ')),
        st.chain?.length ? h('div', {}, 'Chain: ', chainEl(st.chain)) : null);
    }
    const ev = el.dataset.e && index.events.get(el.dataset.e);
    if (ev) {
      parts.push(h('div', { class: 'tip-title' }, eventBadges(ev)),
        h('div', {}, names(ev.source, actors), ' → ', names(ev.target, actors)),
        h('div', { class: 'tip-sub' }, [ev.cameo ? `CAMEO ${ev.cameo}` : null, fmtWhen(ev.date)].filter(Boolean).join(' · ')));
    }
    const t = el.dataset.t && index.times[Number(el.dataset.t)];
    if (t) parts.push(h('div', {}, h('strong', {}, 'Time '), `${t.value || ''}${fmtWhen(t) ? ` = ${fmtWhen(t)}` : ''}`));
    const a = el.dataset.a && actors.get(el.dataset.a);
    if (a) parts.push(h('div', {}, h('strong', {}, a.name), ` · ${a.kind || 'actor'}${a.country ? ` · ${a.country}` : ''}`));
    return parts;
  };
  let current = null;
  const enter = (el) => {
    if (current === el) return;
    leave();
    current = el;
    if (el.dataset.q) mark('q', el.dataset.q, 'on', true);
    if (el.dataset.e) mark('x', el.dataset.e, 'ev-on', true);
    const parts = tipFor(el);
    if (parts.length) showTip(el, parts);
  };
  const leave = () => {
    if (!current) return;
    if (current.dataset.q) mark('q', current.dataset.q, 'on', false);
    if (current.dataset.e) mark('x', current.dataset.e, 'ev-on', false);
    current = null;
    hideTip();
  };
  text.addEventListener('mouseover', (e) => {
    const el = e.target.closest('span[class]');
    if (el) enter(el);
    else leave();
  });
  text.addEventListener('mouseleave', leave);
  text.addEventListener('focusin', (e) => e.target.matches('span') && enter(e.target));
  text.addEventListener('focusout', leave);
  text.addEventListener('click', (e) => {
    const el = e.target.closest('span[data-a]');
    if (el && !e.target.closest('[data-e]')) location.hash = route('actor', el.dataset.a);
  });
  // side list -> text
  side.addEventListener('mouseover', (e) => {
    const li = e.target.closest('li');
    for (const on of side.querySelectorAll('li.on')) on.classList.remove('on');
    for (const el of text.querySelectorAll('.on, .ev-on')) el.classList.remove('on', 'ev-on');
    if (!li) return;
    if (li.dataset.st) mark('q', li.dataset.st, 'on', true);
    if (li.dataset.ev) mark('x', li.dataset.ev, 'ev-on', true);
    if (li.dataset.t) mark('t', li.dataset.t, 'ev-on', true);
    li.classList.add('on');
  });
  side.addEventListener('click', (e) => {
    if (e.target.closest('a')) return;
    const li = e.target.closest('li');
    const sel = li?.dataset.st ? `[data-q="${CSS.escape(li.dataset.st)}"]` : li?.dataset.ev ? `[data-x~="${CSS.escape(li.dataset.ev)}"]` : null;
    text.querySelector(sel || ':not(*)')?.scrollIntoView({ behavior: 'smooth', block: 'center' });
  });
}

function names(ids, actors) {
  return (ids || []).map((id) => actors.get(id)?.name || prettyId(id)).join(', ') || '—';
}


function languageName(code) {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(code) || code;
  } catch {
    return code;
  }
}
