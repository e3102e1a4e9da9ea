"""Reference records: import a casualty documentation CSV, match claims against it.

Columns (renamed with a column map): ``date`` (ISO), ``governorate`` (or ``admin1``),
``place`` (optional), ``cause`` (optional, our cause names), ``status`` (civilian /
combatant; anything else is unknown), ``count`` (people killed, default 1 per row).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
from collections.abc import Mapping
from pathlib import Path

from ..errors import InputError
from .lexicon import CredibilityConfig
from .model import ReferenceRecord

FIELDS = ("date", "governorate", "place", "cause", "status", "count")
STATUS = {
    "civilian": "civilian",
    "civilians": "civilian",
    "combatant": "combatant",
    "combatants": "combatant",
    "non-civilian": "combatant",
    "noncivilian": "combatant",
}


def admin1_of(name: str | None, config: CredibilityConfig) -> str | None:
    if not name or not name.strip():
        return None
    key = name.strip().lower()
    for admin1, aliases in config.governorates.items():
        if key == admin1.lower() or key in aliases:
            return admin1
    return name.strip()


def _record(
    row: Mapping[str, str | None], where: str, dataset: str, config: CredibilityConfig
) -> ReferenceRecord:
    try:
        day = dt.date.fromisoformat((row.get("date") or "").strip()[:10])
    except ValueError:
        raise InputError(where, f"date {row.get('date')!r} is not an ISO date") from None
    raw_count = (row.get("count") or "1").strip() or "1"
    if not raw_count.isdigit():
        raise InputError(where, f"count {raw_count!r} is not a whole number")
    status = STATUS.get((row.get("status") or "").strip().lower(), "unknown")
    content = "|".join(str(row.get(f) or "") for f in FIELDS)
    return ReferenceRecord(
        record_id=hashlib.sha256(f"{dataset}|{where}|{content}".encode()).hexdigest()[:20],
        dataset=dataset,
        record_date=day,
        admin1=admin1_of(row.get("governorate"), config),
        place=(row.get("place") or "").strip() or None,
        cause=(row.get("cause") or "").strip().lower() or None,
        status=status,
        count=int(raw_count),
        origin=where,
    )


def read_reference_csv(
    path: Path, config: CredibilityConfig, *, column_map: Mapping[str, str] | None = None
) -> list[ReferenceRecord]:
    """Every record of the file, or ``InputError`` naming the first bad line (nothing stored)."""
    mapping = {field: (column_map or {}).get(field, field) for field in FIELDS}
    if "admin1" in (column_map or {}):
        mapping["governorate"] = (column_map or {})["admin1"]
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            if mapping["date"] not in header:
                raise InputError(str(path), f"no {mapping['date']!r} column (columns: {header})")
            rows = [
                _record(
                    {f: row.get(c) for f, c in mapping.items()}, f"{path}:{n}", path.name, config
                )
                for n, row in enumerate(reader, start=2)
            ]
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc
    return rows
