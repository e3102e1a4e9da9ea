"""Storage: DuckDB (embedded default). The only package that writes SQL."""

from .db import BatchResult, EventFilter, Store, StoredEvent

__all__ = ["BatchResult", "EventFilter", "Store", "StoredEvent"]
