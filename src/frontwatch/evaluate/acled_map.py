"""``eval acled --map FILE.png``: where our places and ACLED's part, on one picture.

Each scored note is drawn at ACLED's point: a green dot when we agree (same admin1, within
10 km), else a black ring joined by a red line to a red cross at our point (no cross when we
placed the note nowhere), with the note's id beside it. Longitude and latitude are drawn as
an equirectangular plot (fine at the scale of a country). matplotlib is imported only when a
map is asked for; the file is written through a temporary file, never half-written.
"""

from __future__ import annotations

import math
import os
from collections.abc import Sequence
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from .acled import Scored

HIT = "#2ca02c"
MISS = "#d62728"
GOLD = "#111111"
LABELLED = 40
"""At most this many misses get their id written beside them."""


def render_misses(rows: Sequence[Scored], scores: dict[str, object], out: Path) -> Path:
    """Write the picture of ``rows`` to ``out`` (PNG) and return it."""
    fig = Figure(figsize=(9, 8), dpi=100)
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    hits = [r.gold for r in rows if r.hit]
    ax.scatter([g.longitude for g in hits], [g.latitude for g in hits], s=14, c=HIT, zorder=3,
               label=f"agrees with ACLED ({len(hits)})")  # fmt: skip
    misses = [r for r in rows if not r.hit]
    for r in misses:
        g, p = r.gold, r.place
        if p is not None and p.latitude is not None and p.longitude is not None:
            ax.plot([g.longitude, p.longitude], [g.latitude, p.latitude], c=MISS, lw=0.8,
                    alpha=0.7, zorder=2)  # fmt: skip
            ax.scatter([p.longitude], [p.latitude], marker="x", s=30, c=MISS, zorder=4)
    ax.scatter([r.gold.longitude for r in misses], [r.gold.latitude for r in misses], s=40,
               facecolors="none", edgecolors=GOLD, linewidths=1.2, zorder=5,
               label=f"ACLED's point; ours (x) elsewhere or none ({len(misses)})")  # fmt: skip
    for r in misses[:LABELLED]:
        ax.annotate(r.gold.id, (r.gold.longitude, r.gold.latitude), xytext=(4, 4),
                    textcoords="offset points", fontsize=7)  # fmt: skip
    latitudes = [r.gold.latitude for r in rows] or [0.0]
    ax.set_aspect(1 / math.cos(math.radians(sum(latitudes) / len(latitudes))))
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.grid(True, lw=0.3, alpha=0.5)
    ax.legend(loc="lower left", fontsize=8)
    ax.set_title(
        f"frontwatch vs ACLED: {scores.get('n')} notes, admin1 {scores.get('admin1_agreement')}, "
        f"within 10 km {scores.get('within_10km')}",
        fontsize=10,
    )
    fig.tight_layout()
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    fig.savefig(partial, format="png")
    os.replace(partial, out)
    return out
