"""The situation picture as one self-contained HTML file: an inline SVG, a legend, tooltips.

Nothing is fetched when the file is viewed (no tiles, no scripts from elsewhere), so it
opens offline and can be mailed. Hovering a locality shows its name, side, since when and
the evidence; hovering an event shows what, who and when. Same ``Picture`` as the PNG.
"""

from __future__ import annotations

import os
from html import escape
from pathlib import Path

from .draw import LEGEND_WIDTH, RING_COLOUR, ROLE_LABEL, LegendItem, Picture, Spot

STYLE = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 12px; background: BG; color: #202020; }
h1 { font-size: 18px; margin: 0 0 8px; }
.frame { display: flex; gap: 12px; align-items: flex-start; }
#legend { width: LEGENDpx; font-size: 13px; }
#legend ul { list-style: none; padding: 0; margin: 0 0 12px; }
#legend li { display: flex; align-items: center; gap: 8px; margin: 4px 0; }
#route p { margin: 2px 0; }
svg text { font-size: 11px; paint-order: stroke; stroke: white; stroke-width: 3px; }
svg text.key { font-weight: bold; }
#tip { position: fixed; display: none; pointer-events: none; max-width: 420px;
       background: #fffff0; border: 1px solid #888; padding: 6px 8px; font-size: 12px;
       white-space: pre-line; box-shadow: 0 2px 6px rgba(0,0,0,.25); }
[data-tip] { cursor: help; }
"""

SCRIPT = """
(function () {
  var tip = document.getElementById("tip");
  document.querySelectorAll("[data-tip]").forEach(function (el) {
    el.addEventListener("mouseenter", function () {
      tip.textContent = el.getAttribute("data-tip");
      tip.style.display = "block";
    });
    el.addEventListener("mousemove", function (e) {
      tip.style.left = (e.clientX + 14) + "px";
      tip.style.top = (e.clientY + 14) + "px";
    });
    el.addEventListener("mouseleave", function () { tip.style.display = "none"; });
  });
  document.body.setAttribute("data-ready", "true");
})();
"""


def draw_html(picture: Picture, out: Path) -> Path:
    """Write ``out`` (through a temporary file: never half-written) and return it."""
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(render_html(picture), encoding="utf-8")
    os.replace(tmp, out)
    return out


def render_html(picture: Picture) -> str:
    st = picture.style
    css = STYLE.replace("BG", st.colours["background"]).replace("LEGEND", str(LEGEND_WIDTH))
    width = picture.width - LEGEND_WIDTH
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(picture.title)}</title><style>{css}</style></head>\n<body>"
        f'<h1>{escape(picture.title)}</h1><div class="frame">'
        f'<svg id="map" xmlns="http://www.w3.org/2000/svg" width="{width}" '
        f'height="{picture.height}" viewBox="0 0 {width} {picture.height}" '
        f'data-count="{len(picture.spots)}">'
        + _svg_body(picture)
        + "</svg>"
        + _legend(picture)
        + '</div><div id="tip"></div>'
        + f"<script>{SCRIPT}</script></body></html>\n"
    )


def _svg_body(picture: Picture) -> str:
    st = picture.style
    parts = ['<g class="links">']
    parts += [
        f'<line x1="{a}" y1="{b}" x2="{c}" y2="{d}" stroke="{st.colours["road"]}" '
        'stroke-width="1.5"/>'
        for a, b, c, d in picture.links
    ]
    parts.append("</g>")
    if picture.route_line:
        points = " ".join(f"{x},{y}" for x, y in picture.route_line)
        parts.append(
            f'<polyline id="route-line" points="{points}" fill="none" '
            f'stroke="{st.colours["route"]}" stroke-width="5" stroke-opacity="0.85"/>'
        )
    parts += [_spot(s, picture) for s in picture.spots]
    parts += [_label(s, picture) for s in picture.spots if s.label]
    for e in picture.events:
        d = f"M{e.x},{e.y - 4} L{e.x + 4},{e.y} L{e.x},{e.y + 4} L{e.x - 4},{e.y} Z"
        parts.append(
            f'<path class="event" d="{d}" fill="{st.colours["event"]}" stroke="white" '
            f'stroke-width="0.5" data-event-id="{escape(e.event.event_id)}" '
            f'data-tip="{escape(e.tooltip)}"><title>{escape(e.tooltip)}</title></path>'
        )
    return "".join(parts)


def _spot(spot: Spot, picture: Picture) -> str:
    st = picture.style
    loc = spot.locality
    radius = spot.size / 2 + 4
    rings = ""
    if spot.role in RING_COLOUR:
        colour = st.colours[RING_COLOUR[spot.role]]
        rings += _ring(spot, radius, colour, f"ring {spot.role}", dashed=False)
        radius += 4
    if spot.besieged_by:
        rings += _ring(spot, radius, st.colours["besieged"], "ring besieged", dashed=True)
    tip = escape(spot.tooltip)
    return (
        f'<g class="locality" data-id="{escape(loc.locality_id)}" data-name="{escape(loc.name)}"'
        f' data-side="{escape(spot.side or "uncontested")}" data-role="{spot.role}"'
        f' data-tip="{tip}"><title>{tip}</title>' + _marker(spot) + f"{rings}</g>"
    )


def _marker(spot: Spot) -> str:
    r = spot.size / 2
    if spot.locality.kind == "crossing":
        return (
            f'<rect x="{spot.x - r}" y="{spot.y - r}" width="{2 * r}" height="{2 * r}" '
            f'fill="{spot.colour}" stroke="#606060"/>'
        )
    return f'<circle cx="{spot.x}" cy="{spot.y}" r="{r}" fill="{spot.colour}"/>'


def _ring(spot: Spot, radius: float, colour: str, cls: str, *, dashed: bool) -> str:
    dash = ' stroke-dasharray="4 3"' if dashed else ""
    width = 1.5 if dashed else 2.5
    return (
        f'<circle class="{cls}" cx="{spot.x}" cy="{spot.y}" r="{radius}" fill="none" '
        f'stroke="{colour}" stroke-width="{width}"{dash}/>'
    )


def _label(spot: Spot, picture: Picture) -> str:
    role = ROLE_LABEL.get(spot.role, "")
    colour = picture.style.colours[RING_COLOUR[spot.role]] if role else "#202020"
    cls = ' class="key"' if role else ""
    x, y = spot.x + spot.size / 2 + 7, spot.y + 4
    return f'<text{cls} x="{x}" y="{y}" fill="{colour}">{escape(spot.locality.name + role)}</text>'


def _legend(picture: Picture) -> str:
    items = "".join(
        f'<li data-legend="{escape(item.label)}">{_swatch(item)}{escape(item.label)}</li>'
        for item in picture.legend
    )
    route = "".join(f"<p>{escape(line)}</p>" for line in picture.route_text)
    return f'<div id="legend"><ul>{items}</ul><div id="route">{route}</div></div>'


def _swatch(item: LegendItem) -> str:
    shape = {
        "dot": f'<circle cx="9" cy="9" r="5" fill="{item.colour}"/>',
        "line": f'<line x1="1" y1="9" x2="17" y2="9" stroke="{item.colour}" stroke-width="3"/>',
        "square": f'<rect x="4" y="4" width="10" height="10" fill="{item.colour}" '
        'stroke="#606060"/>',
        "diamond": f'<path d="M9,4 L14,9 L9,14 L4,9 Z" fill="{item.colour}"/>',
        "ring": f'<circle cx="9" cy="9" r="6" fill="none" stroke="{item.colour}" '
        'stroke-width="2"/>',
        "dashed": f'<circle cx="9" cy="9" r="6" fill="none" stroke="{item.colour}" '
        'stroke-width="1.5" stroke-dasharray="3 2"/>',
    }[item.kind]
    return f'<svg width="18" height="18" viewBox="0 0 18 18">{shape}</svg>'
