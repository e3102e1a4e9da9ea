"""Incident resolution: near-duplicates, clustering of reports into incidents (issue 4)."""

from .update import ResolveResult, resolve_all, update_incidents

__all__ = ["ResolveResult", "resolve_all", "update_incidents"]
