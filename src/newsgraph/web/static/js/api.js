// The JSON API under api/ (same origin as the app).
import { prettyId } from './dom.js';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** GET api/<path>?params -> parsed JSON; a non-2xx answer throws ApiError with the server's message. */
export async function get(path, params) {
  const url = new URL(`api/${path}`, document.baseURI);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (err) {
    throw new ApiError(0, `the server did not answer (${err.message}); is newsgraph serve still running?`);
  }
  if (!response.ok) {
    let message = response.statusText;
    try {
      const body = await response.json();
      const detail = body?.detail ?? body?.error ?? body?.message;
      if (typeof detail === 'string') message = detail;
      else if (Array.isArray(detail)) message = detail.map((d) => d.msg || JSON.stringify(d)).join('; ');
    } catch { /* not JSON */ }
    throw new ApiError(response.status, `${response.status} ${message} (${url.pathname})`);
  }
  return response.json();
}

/** The rows of a paginated answer ({items, total, limit, offset}) or of a plain list. */
export function rows(answer, ...keys) {
  if (Array.isArray(answer)) return answer;
  for (const key of [...keys, 'items', 'results', 'data']) {
    if (Array.isArray(answer?.[key])) return answer[key];
  }
  return [];
}

export function total(answer) {
  const t = answer?.total;
  return Number.isFinite(t) ? t : rows(answer).length;
}

// Actor names: filled from every answer that carries actors, fetched one by one for the rest.
const names = new Map();
const pending = new Map();

export function rememberActors(list) {
  for (const a of list || []) {
    if (a && a.id && a.name) names.set(a.id, a.name);
  }
}

export function actorName(id) {
  return names.get(id) || null;
}

/** Fill the text of every [data-actor-name] element still showing an id with the actor's name. */
export function resolveNames(root) {
  for (const el of root.querySelectorAll('[data-actor-name]')) {
    const id = el.dataset.actorName;
    if (names.has(id)) {
      el.textContent = names.get(id);
      continue;
    }
    if (!pending.has(id)) {
      pending.set(
        id,
        get(`actors/${encodeURIComponent(id)}`)
          .then((a) => {
            const actor = a?.actor || a;
            if (actor?.name) names.set(id, actor.name);
          })
          .catch(() => names.set(id, prettyId(id))),
      );
    }
    pending.get(id).then(() => {
      if (names.has(id)) el.textContent = names.get(id);
    });
  }
}

/** One page of a listing for a route: its params, the offset asked for, the rows and the total. */
export async function listPage(path, params, limit) {
  const p = Object.fromEntries(params.entries());
  const offset = Number(p.offset) || 0;
  const answer = await get(path, { ...p, limit, offset });
  return { p, offset, list: rows(answer), n: total(answer) };
}
