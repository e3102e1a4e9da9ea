// The situation picture on the map: the Control layer (localities coloured by who holds
// them as of the timeline's end date) and the route panel (from, to, side -> the path and its
// chokepoints, or what blocks it). Data from /sides, /control and /route.
import { getJSON } from "./api.js";
import { esc } from "./panel.js";

const ROUTE_FALLBACK = { route: "#1f4fd6", chokepoint: "#ff00ff", blocked: "#000000",
  uncontested: "#c8c8c8", besieged: "#000000" };
const EVIDENCE_CHARS = 160;

const cls = (value) => String(value || "none").replace(/[^a-z0-9_-]/gi, "_");

function short(text) {
  const words = String(text || "").split(/\s+/).join(" ");
  return words.length > EVIDENCE_CHARS ? `${words.slice(0, EVIDENCE_CHARS - 1)}…` : words;
}

function stateTooltip(s) {
  const held = s.side ? `held by <b>${esc(s.side)}</b>` : "nobody known to hold it";
  const since = s.since ? ` since ${esc(s.since)}` : "";
  const lines = [`<b>${esc(s.name)}</b>`, `${held}${since}${s.inferred ? " (inferred)" : ""}`];
  if (s.besieged_by) lines.push(`besieged by ${esc(s.besieged_by)}`);
  if (s.conflict) {
    const lost = [...new Set(s.conflict.losing.map((o) => o.side))].join("/");
    lines.push(`reports disagree: ${esc(s.conflict.chosen_side || "nobody")} over ${esc(lost)} `
      + `(${esc(s.conflict.rule)})`);
  }
  const o = s.observations[0];
  if (o) {
    lines.push(`<i>“${esc(short(o.evidence))}”</i>`);
    lines.push(`<span class="note">${esc(o.source || "?")}, ${esc(o.observed)}`
      + `${o.event_id ? `, event ${esc(o.event_id)}` : ""}</span>`);
  }
  return `<div class="fw-tip">${lines.join("<br>")}</div>`;
}

function placeTooltip(role, p) {
  const held = p.side ? `${p.side}${p.since ? ` since ${p.since}` : ""}` : "uncontested";
  return `${role}: <b>${esc(p.name)}</b> (${esc(held)}${p.inferred ? ", inferred" : ""})`;
}

function evidenceList(observations) {
  if (!observations.length) return "";
  const items = observations.map((o) => `<li>${esc(o.observed)} ${esc(o.locality_name)}: `
    + `${esc(o.side)} ${esc(o.kind)} — “${esc(short(o.evidence))}” `
    + `<span class="note">${esc(o.source || "?")}</span>`
    + `${o.event_id ? ` <a href="#" data-event-id="${esc(o.event_id)}">event</a>` : ""}</li>`);
  return `<details><summary>decided by ${observations.length} report(s)</summary>`
    + `<ul class="decided">${items.join("")}</ul></details>`;
}

export function createSituation(map, element, { sides, onSelect, onRouteChange }) {
  const colours = { ...ROUTE_FALLBACK, ...(sides.colours || {}) };
  map.createPane("control").style.zIndex = 450;
  map.createPane("route").style.zIndex = 620; // above the event markers: the question asked
  const controlLayer = L.layerGroup();
  const routeLayer = L.layerGroup();
  const legend = document.getElementById("control-legend");
  const result = document.getElementById("route-result");
  let controlSeq = 0;
  let routeSeq = 0;
  let lastAsOf = null;

  function drawLegend(states, asOf) {
    const present = new Map();
    for (const s of states) present.set(s.side, s.colour);
    const rows = [...present.entries()]
      .sort(([a], [b]) => (a === null) - (b === null) || String(a).localeCompare(String(b)))
      .map(([side, colour]) => `<div><span class="swatch" style="background:${esc(colour)}"></span>`
        + `${esc(side || "uncontested")}</div>`);
    if (states.some((s) => s.besieged_by)) rows.push('<div><span class="swatch besieged"></span>besieged</div>');
    legend.innerHTML = `<div class="legend-title">Control as of ${esc(asOf || "the latest report")}</div>`
      + (rows.join("") || '<div class="note">no locality known</div>');
  }

  async function showControl(asOf) {
    lastAsOf = asOf;
    if (!map.hasLayer(controlLayer)) return;
    const mine = ++controlSeq;
    element.dataset.control = "loading";
    const params = new URLSearchParams();
    if (asOf) params.set("as_of", asOf);
    let states;
    try {
      states = await getJSON(`/control?${params}`);
    } catch (error) {
      if (mine !== controlSeq) return;
      element.dataset.control = "error";
      legend.innerHTML = `<div class="note">control: ${esc(error.message)}</div>`;
      return;
    }
    if (mine !== controlSeq) return;
    controlLayer.clearLayers();
    for (const s of states) {
      if (s.latitude === null || s.longitude === null) continue;
      L.circleMarker([s.latitude, s.longitude], {
        pane: "control",
        radius: s.side ? 7 : 5,
        color: s.besieged_by ? colours.besieged : "#333",
        weight: s.besieged_by ? 2.5 : 1,
        dashArray: s.besieged_by ? "4 3" : null,
        fillColor: s.colour,
        fillOpacity: 0.85,
        className: `fw-control fw-side-${cls(s.side)}`,
      }).bindTooltip(stateTooltip(s), { sticky: true }).addTo(controlLayer);
    }
    drawLegend(states, asOf);
    element.dataset.controlAsOf = asOf || "latest";
    element.dataset.controlCount = String(states.length);
    element.dataset.control = "ready";
  }

  function ring(p, role, colour) {
    if (p.latitude === null || p.longitude === null) return;
    L.circleMarker([p.latitude, p.longitude], {
      pane: "route", radius: 12, color: colour, weight: 3, fill: false,
      className: `fw-${role}`,
    }).bindTooltip(placeTooltip(role === "chokepoint" ? "chokepoint" : "closes the route", p))
      .addTo(routeLayer);
  }

  function drawRoute(answer, fit) {
    routeLayer.clearLayers();
    const points = [];
    if (answer.open) {
      const line = answer.path.filter((p) => p.latitude !== null).map((p) => [p.latitude, p.longitude]);
      L.polyline(line, { pane: "route", color: colours.route, weight: 5, opacity: 0.8,
        className: "fw-route" })
        .bindTooltip(`${esc(answer.origin)} → ${esc(answer.destination)}: ${answer.length_km} km`)
        .addTo(routeLayer);
      points.push(...line);
      for (const p of answer.chokepoints) ring(p, "chokepoint", colours.chokepoint);
    } else {
      for (const p of answer.blocked_by) {
        ring(p, "blocked", colours.blocked);
        if (p.latitude !== null) points.push([p.latitude, p.longitude]);
      }
    }
    if (fit && points.length) map.fitBounds(L.latLngBounds(points).pad(0.4), { maxZoom: 11 });
  }

  function describe(answer) {
    const when = answer.as_of ? ` as of ${esc(answer.as_of)}` : "";
    const names = (places) => places.map((p) => esc(p.name)).join(", ") || "none";
    const head = answer.open
      ? `<b class="open">OPEN</b>${when}: ${answer.length_km} km, ${answer.path.length} localities; `
        + `chokepoints: ${names(answer.chokepoints)}`
      : `<b class="cut">CUT</b>${when}: blocked by ${names(answer.blocked_by)}`;
    const notes = answer.notes.map((n) => `<div class="note">${esc(n)}</div>`).join("");
    return `<div>${head}</div>${notes}${evidenceList(answer.decided_by)}`;
  }

  async function showRoute(query, asOf, { fit = false } = {}) {
    const mine = ++routeSeq;
    if (!query.from || !query.to || !query.side) {
      routeLayer.clearLayers();
      result.innerHTML = "";
      delete element.dataset.route;
      return;
    }
    element.dataset.route = "loading";
    const params = new URLSearchParams({ from: query.from, to: query.to, side: query.side });
    if (asOf) params.set("as_of", asOf);
    try {
      const answer = await getJSON(`/route?${params}`);
      if (mine !== routeSeq) return;
      drawRoute(answer, fit);
      result.innerHTML = describe(answer);
      element.dataset.route = answer.state;
    } catch (error) {
      if (mine !== routeSeq) return;
      routeLayer.clearLayers();
      result.innerHTML = `<span class="error">${esc(error.message.replace(/^\/route\?\S*: /, ""))}</span>`;
      element.dataset.route = "error";
    }
  }

  // the route form: a Leaflet control, so clicks and typing do not move the map
  const form = document.getElementById("route-box");
  const sideSelect = document.getElementById("route-side");
  for (const s of sides.sides || []) sideSelect.add(new Option(s.side, s.side));
  const RouteBox = L.Control.extend({ onAdd: () => form });
  new RouteBox({ position: "topright" }).addTo(map);
  L.DomEvent.disableClickPropagation(form);
  L.DomEvent.disableScrollPropagation(form);
  form.hidden = false;
  const query = () => ({
    from: document.getElementById("route-from").value.trim(),
    to: document.getElementById("route-to").value.trim(),
    side: sideSelect.value,
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    onRouteChange(query());
    showRoute(query(), lastAsOf, { fit: true });
  });
  document.getElementById("route-clear").addEventListener("click", () => {
    document.getElementById("route-from").value = "";
    document.getElementById("route-to").value = "";
    onRouteChange({ from: null, to: null, side: null });
    showRoute({}, lastAsOf);
  });
  result.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-event-id]");
    if (!link) return;
    event.preventDefault();
    onSelect(link.dataset.eventId);
  });

  function setRoute({ from, to, side }) {
    document.getElementById("route-from").value = from || "";
    document.getElementById("route-to").value = to || "";
    if (side) sideSelect.value = side;
  }

  return { controlLayer, routeLayer, showControl, showRoute, setRoute, query };
}
