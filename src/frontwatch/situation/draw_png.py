"""The situation picture as a PNG (matplotlib, Agg canvas, no pyplot state).

The axes fill the figure and their data coordinates are the picture's pixels (y down), so
a spot drawn at (x, y) lands on pixel (x, y) of the file: tests read colours back there.
matplotlib is imported only when this module is, i.e. when a PNG is asked for.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import Any

from matplotlib import patheffects
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import LineCollection
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from .draw import (
    LEGEND_WIDTH,
    MARGIN,
    RING_COLOUR,
    ROLE_LABEL,
    TITLE_HEIGHT,
    LegendItem,
    Picture,
    Spot,
)

ROUTE_TEXT_WIDTH = 36
"""Characters per line of the route text in the legend panel."""


def render_png(picture: Picture, out: Path) -> Path:
    """Write ``out`` (through a temporary file: never half-written) and return it."""
    st = picture.style
    fig = Figure(figsize=(st.width / st.dpi, st.height / st.dpi), dpi=st.dpi)
    FigureCanvasAgg(fig)
    fig.set_facecolor(st.colours["background"])
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, st.width)
    ax.set_ylim(st.height, 0)
    ax.set_axis_off()
    _map(ax, picture, px=72.0 / st.dpi)
    _legend(ax, picture)
    ax.text(MARGIN, TITLE_HEIGHT / 2 + 6, picture.title, fontsize=13, weight="bold", va="center")
    tmp = out.with_name(f".{out.name}.tmp")
    fig.savefig(tmp, dpi=st.dpi, facecolor=st.colours["background"], format="png")
    os.replace(tmp, out)
    return out


def _map(ax: Any, picture: Picture, *, px: float) -> None:
    """Links, the route, the localities, their rings and labels, the events. ``px`` is the
    size of a pixel in points (matplotlib's unit for marker sizes and line widths)."""
    st = picture.style
    if picture.links:
        segments = [((a, b), (c, d)) for a, b, c, d in picture.links]
        ax.add_collection(
            LineCollection(segments, colors=st.colours["road"], linewidths=1.5 * px, zorder=1)
        )
    if picture.route_line:
        xs, ys = zip(*picture.route_line, strict=True)
        ax.plot(xs, ys, color=st.colours["route"], lw=5 * px, alpha=0.85, zorder=2)
    for marker, kind in (("o", False), ("s", True)):
        spots = [s for s in picture.spots if (s.locality.kind == "crossing") is kind]
        if spots:
            ax.scatter(
                [s.x for s in spots],
                [s.y for s in spots],
                s=[(s.size * px) ** 2 for s in spots],
                c=[s.colour for s in spots],
                marker=marker,
                edgecolors="#606060" if kind else "none",
                zorder=4,
            )
    for spot in picture.spots:
        _rings(ax, spot, picture)
        if spot.label:
            _label(ax, spot, picture)
    if picture.events:
        ax.scatter(
            [e.x for e in picture.events],
            [e.y for e in picture.events],
            s=(5 * px) ** 2,
            marker="D",
            c=st.colours["event"],
            edgecolors="white",
            linewidths=0.5 * px,
            zorder=6,
        )


def _rings(ax: Any, spot: Spot, picture: Picture) -> None:
    st = picture.style
    radius = spot.size / 2 + 4
    if spot.role in RING_COLOUR:
        colour = st.colours[RING_COLOUR[spot.role]]
        ax.add_patch(Circle((spot.x, spot.y), radius, fill=False, ec=colour, lw=2.5, zorder=5))
        radius += 4
    if spot.besieged_by:
        ax.add_patch(
            Circle(
                (spot.x, spot.y),
                radius,
                fill=False,
                ec=st.colours["besieged"],
                lw=1.5,
                ls="--",
                zorder=5,
            )
        )


def _label(ax: Any, spot: Spot, picture: Picture) -> None:
    role = ROLE_LABEL.get(spot.role, "")
    colour = picture.style.colours[RING_COLOUR[spot.role]] if role else "#202020"
    ax.text(
        spot.x + spot.size / 2 + 7,
        spot.y + 4,
        spot.locality.name + role,
        fontsize=8,
        color=colour,
        weight="bold" if role else "normal",
        zorder=7,
        path_effects=[patheffects.withStroke(linewidth=2.5, foreground="white")],
    )


def _legend(ax: Any, picture: Picture) -> None:
    x0 = picture.width - LEGEND_WIDTH + 12
    y = TITLE_HEIGHT + MARGIN
    for item in picture.legend:
        _symbol(ax, item, x0 + 8, y)
        ax.text(x0 + 24, y, item.label, fontsize=9, va="center")
        y += 22
    y += 12
    for line in picture.route_text:
        for part in textwrap.wrap(line, ROUTE_TEXT_WIDTH):
            ax.text(x0, y, part, fontsize=8.5, va="center")
            y += 18


def _symbol(ax: Any, item: LegendItem, x: float, y: float) -> None:
    if item.kind == "dot":
        ax.add_patch(Circle((x, y), 5, color=item.colour))
    elif item.kind == "line":
        ax.plot([x - 8, x + 8], [y, y], color=item.colour, lw=3)
    elif item.kind == "square":
        ax.scatter([x], [y], s=60, marker="s", c=item.colour, edgecolors="#606060")
    elif item.kind == "diamond":
        ax.scatter([x], [y], s=30, marker="D", c=item.colour)
    else:
        ls = "--" if item.kind == "dashed" else "-"
        ax.add_patch(Circle((x, y), 6, fill=False, ec=item.colour, lw=2, ls=ls))
