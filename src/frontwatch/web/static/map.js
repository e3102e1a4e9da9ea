// The Leaflet map: offline country outlines (world-atlas), optional tiles, clustered markers.
import { markerSize, typeColor } from "./colors.js";

export function createMap(element, { tileUrl, view, onSelect }) {
  const map = L.map(element, { minZoom: 2, maxZoom: 16, worldCopyJump: true });
  map.createPane("outlines").style.zIndex = 250;
  if (tileUrl) {
    L.tileLayer(tileUrl, { maxZoom: 18, attribution: "tiles: operator setting" }).addTo(map);
  }
  fetch("/vendor/world-atlas/countries-50m.json")
    .then((r) => r.json())
    .then((topo) => {
      const countries = topojson.feature(topo, topo.objects.countries);
      L.geoJSON(countries, {
        pane: "outlines",
        interactive: false,
        style: { color: "#7d8a96", weight: 1, fillColor: "#f2efe6", fillOpacity: tileUrl ? 0 : 1 },
      }).addTo(map);
      element.dataset.outlines = String(countries.features.length);
    });
  map.attributionControl.addAttribution("outlines: Natural Earth via world-atlas");
  if (view.lat && view.lon && view.z) map.setView([+view.lat, +view.lon], +view.z);
  else map.setView([35.0, 38.5], 7);

  const cluster = L.markerClusterGroup({
    disableClusteringAtZoom: 11,
    spiderfyOnMaxZoom: true,
    showCoverageOnHover: false,
    maxClusterRadius: 40,
    chunkedLoading: true,
  });
  map.addLayer(cluster);
  const byId = new Map();

  function show(events, selected) {
    cluster.clearLayers();
    byId.clear();
    const markers = events.map((e) => {
      const size = markerSize(e.fatalities_total);
      const icon = L.divIcon({
        className: "",
        html: `<div class="fw-marker${e.event_id === selected ? " selected" : ""}" `
          + `data-event-id="${e.event_id}" data-type="${e.event_type}" `
          + `style="width:${size}px;height:${size}px;background:${typeColor(e.event_type)}"></div>`,
        iconSize: [size, size],
      });
      const marker = L.marker([e.latitude, e.longitude], { icon, title: label(e) });
      marker.on("click", () => onSelect(e.event_id));
      byId.set(e.event_id, marker);
      return marker;
    });
    cluster.addLayers(markers);
    element.dataset.count = String(markers.length);
  }

  function highlight(eventId) {
    element.querySelectorAll(".fw-marker.selected").forEach((m) => m.classList.remove("selected"));
    const marker = byId.get(eventId);
    if (!marker) return;
    cluster.zoomToShowLayer(marker, () => {
      const el = element.querySelector(`.fw-marker[data-event-id="${eventId}"]`);
      if (el) el.classList.add("selected");
    });
  }

  return { map, show, highlight };
}

function label(e) {
  const deaths = e.fatalities_total ? `, ${e.fatalities_total} killed` : "";
  return `${e.event_date || "undated"} ${e.sub_event_type} @ ${e.location || "?"}${deaths}`;
}
