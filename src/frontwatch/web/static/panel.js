// The side panel: the selected event, who claims what, and the article with its evidence marked.

export function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => (
    { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

// The article text with the event's evidence spans wrapped in <mark> (spans may overlap:
// each stretch between two span boundaries is marked with every field that covers it).
export function highlight(text, evidence) {
  const cuts = new Set([0, text.length]);
  for (const ev of evidence) { cuts.add(ev.start); cuts.add(ev.end); }
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
  let html = "";
  for (let i = 0; i < points.length - 1; i += 1) {
    const [a, b] = [points[i], points[i + 1]];
    const fields = evidence.filter((ev) => ev.start <= a && ev.end >= b).map((ev) => ev.field);
    const piece = esc(text.slice(a, b));
    html += fields.length
      ? `<mark class="evidence" data-fields="${esc(fields.join(" "))}" title="${esc(fields.join(", "))}">${piece}</mark>`
      : piece;
  }
  return html;
}

function actor(a) {
  return a ? `${esc(a.name)} <span class="note">(${esc(a.side)}, inter ${esc(a.inter)})</span>` : "—";
}

function figures(f) {
  const parts = ["total", "civilians", "children", "women", "combatants"]
    .filter((k) => f[k] !== null && f[k] !== undefined)
    .map((k) => `${k} ${f[k]}`);
  if (!parts.length) return "—";
  return `${f.qualifier ? `${esc(f.qualifier)} ` : ""}${esc(parts.join(", "))}`;
}

function place(loc) {
  if (!loc) return "—";
  const admin = [loc.admin2, loc.admin1, loc.country].filter(Boolean).join(", ");
  return `${esc(loc.name)} <span class="note">(${esc(admin)}; geo_precision ${esc(loc.geo_precision)})</span>`;
}

function claimsTable(article, selectedId) {
  const rows = article.events.map((e) => `
    <tr class="${e.event_id === selectedId ? "selected" : ""}" data-event-id="${esc(e.event_id)}">
      <td>${esc(e.claimed_by || "(not attributed)")}</td>
      <td>${esc(e.sub_event_type)} @ ${esc(e.location ? e.location.name : "?")}</td>
      <td>${figures(e.fatalities)}</td>
    </tr>`).join("");
  return `<table class="claims"><thead><tr><th>who claims</th><th>what</th><th>killed</th></tr></thead>
    <tbody>${rows}</tbody></table>`;
}

export function renderPanel(container, detail) {
  const { event: e, article: a } = detail;
  container.innerHTML = `
    <h2>${esc(e.sub_event_type)} <span class="note">${esc(e.event_type)}</span></h2>
    <dl>
      <dt>date</dt><dd>${esc(e.event_date || "undated")} <span class="note">(time_precision ${esc(e.time_precision)})</span></dd>
      <dt>actor 1</dt><dd>${actor(e.actor1)}</dd>
      <dt>actor 2</dt><dd>${actor(e.actor2)}</dd>
      <dt>place</dt><dd>${place(e.location)}</dd>
      <dt>killed</dt><dd>${figures(e.fatalities)}</dd>
      <dt>cause</dt><dd>${esc(e.cause || "—")}</dd>
      <dt>claimed by</dt><dd>${esc(e.claimed_by || "—")}</dd>
      <dt>confidence</dt><dd>${esc(e.confidence)} <span class="note">extraction confidence; credibility reasons appear once the verify stage stores them</span></dd>
    </dl>
    <h3>Who claims what in this report</h3>
    ${claimsTable(a, e.event_id)}
    <h3>${esc(a.title || "Article")}</h3>
    <p class="note">${esc(a.source || "unknown source")}, ${esc(a.published || "undated")}
      ${a.url ? ` — <a href="${esc(a.url)}" rel="noreferrer noopener" target="_blank">original</a>` : ""}</p>
    <div class="article-text" id="article-text">${highlight(a.text, e.evidence)}</div>`;
  const first = container.querySelector("mark.evidence");
  if (first) first.scrollIntoView({ block: "center" });
}
