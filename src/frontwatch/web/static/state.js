// The view's state, kept in the URL (?type=..&side=..&since=..&event=..&lat=..&lon=..&z=..,
// control=off when the Control layer is hidden, from=..&to=..&rside=.. for the route panel)
// so that a link reproduces what the analyst sees.
const LISTS = ["type", "side", "source"];
const SINGLE = ["since", "until", "event", "lat", "lon", "z", "control", "from", "to", "rside"];

export function readState(search = window.location.search) {
  const params = new URLSearchParams(search);
  const state = {};
  for (const key of LISTS) state[key] = params.getAll(key);
  for (const key of SINGLE) state[key] = params.get(key) || null;
  return state;
}

export function writeState(state) {
  const params = new URLSearchParams();
  for (const key of LISTS) for (const v of state[key] || []) params.append(key, v);
  for (const key of SINGLE) if (state[key]) params.set(key, state[key]);
  const query = params.toString();
  window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
}

// Query string for the API: the filters (and, unless told not to, the dates).
export function filterParams(state, { dates = true } = {}) {
  const params = new URLSearchParams();
  for (const key of LISTS) for (const v of state[key] || []) params.append(key, v);
  if (dates && state.since) params.set("since", state.since);
  if (dates && state.until) params.set("until", state.until);
  return params;
}
