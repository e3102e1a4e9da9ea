"""Watched routes: re-checked after an ingest, an alert when one is cut or encircled.

``frontwatch watch-route FROM TO --side SIDE`` registers a route. ``check_watches`` (run
at the end of ``jobs.ingest``) finds each watched route open or cut, and whether its origin
or destination lies in an encircled area of the side; when that differs from the state
last stored it writes an alert citing the observations that decided it. Re-running with
nothing new writes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from ..errors import FrontwatchError
from ..geocode.gazetteer import Gazetteer
from ..settings import Settings
from ..store.db import Store
from ..store.watch import Alert, RouteWatch, WatchStore
from .encircle import EncircledArea, encircled, infer_siege_breaks
from .graph import LocalityGraph, graph_for
from .model import ControlState, Observation, RouteAnswer, RouteReport
from .routes import route
from .sides import Sides

OnError = Callable[[FrontwatchError], None]


@dataclass(frozen=True)
class WatchState:
    """A watched route as of a date: the route answer and the encircled area it ends in."""

    route: RouteAnswer
    area: EncircledArea | None = None

    @property
    def route_state(self) -> str:
        return "open" if self.route.open else "cut"


def stored_control(
    store: Store,
    settings: Settings,
    graph: LocalityGraph,
    as_of: dt.date | None,
    *,
    sides: Sides | None = None,
) -> dict[str, ControlState]:
    """Control as of ``as_of`` (all observations: None) from the stored observations
    (``situation/control.py``), with what broken sieges imply (``infer_siege_breaks``)."""
    from ..store.situation import SituationStore
    from .control import control_as_of

    observations = [row.observation for row in SituationStore(store).observations()]
    states = control_as_of(observations, as_of, sides=sides)
    return infer_siege_breaks(graph, states, as_of=as_of)


def watch_state(
    graph: LocalityGraph,
    control: Mapping[str, ControlState],
    watch: RouteWatch,
    *,
    settings: Settings,
    as_of: dt.date | None = None,
    reports: Sequence[RouteReport] = (),
) -> WatchState:
    answer = route(
        graph,
        control,
        watch.origin,
        watch.destination,
        watch.side,
        as_of=as_of,
        allies=watch.allies,
        max_cut=settings.route_max_cut,
        max_blocking=settings.route_max_blocking,
        reports=reports,
    )
    ends = graph.resolve(watch.origin).node_ids | graph.resolve(watch.destination).node_ids
    areas = encircled(graph, control, watch.side, allies=watch.allies)
    return WatchState(answer, next((a for a in areas if ends & set(a.locality_ids)), None))


def state_alerts(watch: RouteWatch, state: WatchState, as_of: dt.date | None) -> list[Alert]:
    """The alerts a change from the watch's stored state to ``state`` calls for. A watch
    never checked alerts only on a cut route or an encircled end."""
    found = []
    answer, name = state.route, f"{watch.origin} -> {watch.destination} ({watch.side})"
    if state.route_state != watch.route_state and (watch.route_state or not answer.open):
        if answer.open:
            text = f"{name} open: {' - '.join(answer.path)}"
            found.append(
                _alert(
                    watch,
                    "route_reopened",
                    text,
                    as_of=as_of,
                    localities=answer.path,
                    observations=answer.decided_by,
                )
            )
        else:
            text = f"{name} cut, blocked by {', '.join(answer.blocked_by)}"
            found.append(
                _alert(
                    watch,
                    "route_cut",
                    text,
                    as_of=as_of,
                    localities=answer.blocked_by,
                    observations=answer.decided_by,
                )
            )
    closed = state.area is not None
    if closed != watch.encircled and (watch.encircled is not None or closed):
        if state.area is not None:
            area = state.area
            text = f"{name}: {', '.join(area.localities)} encircled by {', '.join(area.ring)}"
            found.append(
                _alert(
                    watch,
                    "encirclement_closed",
                    text,
                    as_of=as_of,
                    localities=area.ring,
                    observations=area.decided_by,
                )
            )
        else:
            found.append(
                _alert(watch, "encirclement_lifted", f"{name}: no longer encircled", as_of=as_of)
            )
    return found


def _alert(
    watch: RouteWatch,
    kind: str,
    summary: str,
    *,
    as_of: dt.date | None,
    localities: tuple[str, ...] = (),
    observations: tuple[Observation, ...] = (),
) -> Alert:
    dates = [o.observed for o in observations]
    return Alert(
        watch_id=watch.watch_id,
        kind=kind,
        summary=summary,
        alert_date=max(dates) if dates else as_of,
        localities=localities,
        observations=observations,
    )


def check_watches(
    store: Store,
    settings: Settings,
    as_of: dt.date | None = None,
    *,
    gazetteer: Gazetteer | None = None,
    graph: LocalityGraph | None = None,
    control: Mapping[str, ControlState] | None = None,
    on_error: OnError | None = None,
) -> list[Alert]:
    """Evaluate every watched route; store changed states and the alerts they raise.

    Nothing is loaded when no route is watched. ``graph`` and ``control`` default to the
    gazetteer's locality graph and the stored control as of ``as_of`` (today: None). A
    watch whose places no longer resolve goes to ``on_error``; the others go on.
    """
    watches = WatchStore(store)
    pending = watches.watches()
    if not pending:
        return []
    if graph is None:
        from ..geocode.gazetteer import load_gazetteer

        graph = graph_for(gazetteer or load_gazetteer(settings), settings)
    if control is None:
        control = stored_control(store, settings, graph, as_of)
    from ..store.situation import SituationStore

    reports = [
        r for r in SituationStore(store).route_reports() if as_of is None or r.observed <= as_of
    ]
    alerts: list[Alert] = []
    for watch in pending:
        try:
            state = watch_state(
                graph, control, watch, settings=settings, as_of=as_of, reports=reports
            )
        except FrontwatchError as exc:
            if on_error:
                on_error(exc)
            continue
        if (state.route_state, state.area is not None) == (watch.route_state, watch.encircled):
            continue
        alerts += watches.record(
            watch,
            route_state=state.route_state,
            encircled=state.area is not None,
            as_of=as_of,
            alerts=state_alerts(watch, state, as_of),
        )
    return alerts
