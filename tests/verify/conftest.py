"""Fixtures shared with the other incident-stage tests (tests/incident_builders.py)."""

from incident_builders import douma_texts, make

__all__ = ["douma_texts", "make"]
