// The dashboard: filters, map, timeline and panel, wired to the REST API and the URL.
import { getJSON } from "./api.js";
import { TYPE_COLORS } from "./colors.js";
import { createMap } from "./map.js";
import { renderPanel } from "./panel.js";
import { createSituation } from "./situation.js";
import { filterParams, readState, writeState } from "./state.js";
import { createTimeline } from "./timeline.js";

const MAP_LIMIT = 5000;
const state = readState();
const $ = (id) => document.getElementById(id);

function setStatus(text) { $("status").textContent = text; }

function fillTypes(facets) {
  const box = $("types");
  const types = Object.keys(TYPE_COLORS);
  for (const type of types) {
    const n = (facets.event_types.find((f) => f.value === type) || { count: 0 }).count;
    const label = document.createElement("label");
    label.innerHTML = `<input type="checkbox" value="${type}"> <span class="swatch" style="background:${TYPE_COLORS[type]}"></span>${type} <span class="note">${n}</span>`;
    const input = label.querySelector("input");
    input.checked = state.type.includes(type);
    input.addEventListener("change", () => {
      state.type = [...box.querySelectorAll("input:checked")].map((i) => i.value);
      refresh();
    });
    box.appendChild(label);
  }
  $("type-legend").innerHTML = types.map((t) =>
    `<div><span class="swatch" style="background:${TYPE_COLORS[t]}"></span>${t}</div>`).join("")
    + '<div class="note">size: fatalities</div>';
}

function fillSelect(id, values, key) {
  const select = $(id);
  for (const { value, count } of values) {
    const option = new Option(`${value} (${count})`, value, false, state[key].includes(value));
    select.add(option);
  }
  select.addEventListener("change", () => {
    state[key] = [...select.selectedOptions].map((o) => o.value);
    refresh();
  });
}

let map;
let timeline;
let facets;
let situation;

// The situation layers follow the timeline's end date (no end date: every report).
const asOf = () => state.until || null;
const routeQuery = () => ({ from: state.from, to: state.to, side: state.rside });

function loadSituation({ fit = false } = {}) {
  situation.showControl(asOf()).catch((error) => console.error(error));
  situation.showRoute(routeQuery(), asOf(), { fit }).catch((error) => console.error(error));
}

async function loadEvents() {
  const params = filterParams(state);
  params.set("view", "map");
  params.set("limit", String(MAP_LIMIT));
  const page = await getJSON(`/events?${params}`);
  map.show(page.events, state.event);
  const capped = page.events.length >= MAP_LIMIT ? ` (first ${MAP_LIMIT})` : "";
  setStatus(`${page.events.length} events on the map${capped}`);
}

async function loadTimeline() {
  const data = await getJSON(`/timeline?${filterParams(state, { dates: false })}`);
  timeline.setData(data, facets.first_date, facets.last_date);
  timeline.setRange(state.since, state.until);
}

async function refresh() {
  writeState(state);
  loadSituation();
  await Promise.all([loadEvents(), loadTimeline()]);
}

async function select(eventId) {
  state.event = eventId;
  writeState(state);
  map.highlight(eventId);
  const detail = await getJSON(`/events/${encodeURIComponent(eventId)}`);
  $("panel").hidden = false;
  renderPanel($("panel-body"), detail);
  map.map.invalidateSize();
}

function wireDates() {
  $("since").value = state.since || "";
  $("until").value = state.until || "";
  const onDate = () => {
    state.since = $("since").value || null;
    state.until = $("until").value || null;
    refresh();
  };
  $("since").addEventListener("change", onDate);
  $("until").addEventListener("change", onDate);
  $("clear-dates").addEventListener("click", () => {
    state.since = null;
    state.until = null;
    $("since").value = "";
    $("until").value = "";
    refresh();
  });
}

function wireSituation(sides) {
  situation = createSituation(map.map, $("map"), {
    sides,
    onSelect: select,
    onRouteChange: (q) => {
      state.from = q.from || null;
      state.to = q.to || null;
      state.rside = q.side || null;
      writeState(state);
    },
  });
  situation.setRoute(routeQuery());
  L.control.layers(null, { Control: situation.controlLayer, Route: situation.routeLayer },
    { collapsed: false, position: "topleft" }).addTo(map.map);
  situation.routeLayer.addTo(map.map);
  if (state.control !== "off") situation.controlLayer.addTo(map.map);
  map.map.on("overlayadd", (event) => {
    if (event.layer !== situation.controlLayer) return;
    state.control = null;
    writeState(state);
    situation.showControl(asOf()).catch((error) => console.error(error));
  });
  map.map.on("overlayremove", (event) => {
    if (event.layer !== situation.controlLayer) return;
    state.control = "off";
    writeState(state);
  });
}

async function main() {
  const config = await getJSON("/config.json");
  facets = await getJSON("/facets");
  fillTypes(facets);
  fillSelect("side", facets.sides, "side");
  fillSelect("source", facets.sources, "source");
  wireDates();
  map = createMap($("map"), { tileUrl: config.tile_url, view: state, onSelect: select });
  wireSituation(await getJSON("/sides"));
  map.map.on("moveend", () => {
    const c = map.map.getCenter();
    state.lat = c.lat.toFixed(4);
    state.lon = c.lng.toFixed(4);
    state.z = String(map.map.getZoom());
    writeState(state);
  });
  timeline = createTimeline($("timeline"), {
    onBrush: (since, until) => {
      state.since = since;
      state.until = until;
      $("since").value = since || "";
      $("until").value = until || "";
      refresh();
    },
  });
  $("close-panel").addEventListener("click", () => {
    $("panel").hidden = true;
    state.event = null;
    writeState(state);
    map.map.invalidateSize();
  });
  writeState(state);
  loadSituation({ fit: !(state.lat && state.lon) });
  await Promise.all([loadEvents(), loadTimeline()]);
  if (state.event) await select(state.event);
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  console.error(error);
  setStatus(`error: ${error.message}`);
  document.body.dataset.ready = "error";
});
