"""Readable text for people: per-article summaries, event tables, store summaries."""

from __future__ import annotations

from collections.abc import Iterable

from .records import AnalyzedArticle, Event
from .store import StoredEvent
from .store.summary import Summary


def _figures(e: Event) -> str:
    f = e.fatalities
    parts = [
        f"{name} {value}"
        for name, value in (
            ("killed", f.total),
            ("civilians", f.civilians),
            ("children", f.children),
            ("women", f.women),
            ("combatants", f.combatants),
        )
        if value is not None
    ]
    if not parts:
        return ""
    return (f"{f.qualifier} " if f.qualifier else "") + ", ".join(parts)


def describe_event(e: Event) -> str:
    where = e.location.name if e.location else "?"
    if e.location and e.location.admin1:
        where += f" ({e.location.admin1})"
    who = e.actor1.name if e.actor1 else "?"
    if e.actor2:
        who += f" vs {e.actor2.name}"
    line = f"{e.event_date or '?'}  {e.sub_event_type:34} {who:40} @ {where}"
    extras = [x for x in (_figures(e), f"per {e.claimed_by}" if e.claimed_by else "") if x]
    return line + ("  [" + "; ".join(extras) + "]" if extras else "")


def describe_article(item: AnalyzedArticle) -> str:
    a = item.article
    name = a.title or a.id or a.article_id
    head = f"== {name} ({a.source or 'unknown source'}, {a.published or 'undated'})"
    lines = [head]
    for e in item.events:
        mark = "*" if item.main_event and e.event_id == item.main_event.event_id else " "
        lines.append(f" {mark} {describe_event(e)}")
    if not item.events:
        lines.append("   (no events)")
    return "\n".join(lines)


def events_table(items: Iterable[StoredEvent]) -> str:
    lines = [f"{'date':10}  {'sub-event type':34} {'actor':40}   place"]
    lines += [describe_event(item.event) for item in items]
    return "\n".join(lines)


def summary_text(s: Summary) -> str:
    lines = [f"{s.articles} articles, {s.events} events", "", "Events by type:"]
    lines += [f"  {n:4}  {t} / {sub}" for t, sub, n in s.by_type]
    lines += ["", "Places:"]
    lines += [
        f"  {n:4}  {place}" + (f" ({admin1})" if admin1 else "") for place, admin1, n in s.places
    ]
    width = max([24, *(len(who) for who, *_ in s.casualties)])
    lines += ["", f"Killed, by who claims it:{'':{width - 22}}civilians  combatants  events"]
    lines += [f"  {who:{width}} {civ:9}  {com:10}  {n:6}" for who, civ, com, n in s.casualties]
    return "\n".join(lines)
