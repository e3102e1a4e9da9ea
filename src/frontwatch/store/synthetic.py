"""Synthetic rows for load benchmarks of the read API (``scripts/bench_api.py``)."""

from __future__ import annotations

import duckdb


def fill_synthetic(con: duckdb.DuckDBPyConnection, *, events: int, seed: float = 0.42) -> None:
    """Synthetic articles, events and evidence for load benchmarks (``scripts/bench_api.py``).

    Events cluster around a few Syrian cities over ten years (2011-2020) and are stored in
    date order, as an ingest of an archive in publication order stores them; one article per
    ten events, two evidence spans per event. Deterministic for a given ``seed``.
    Columns are named: a migration that adds a column with a default leaves this intact.
    """
    con.execute("SELECT setseed(?)", [seed])
    con.execute("BEGIN TRANSACTION")
    con.execute(
        "INSERT INTO articles (article_id, input_id, title, source, url, published, language, "
        "origin, text, ingested_at) SELECT printf('a%08d', i), NULL, 'synthetic report ' || i, "
        "'Outlet ' || (i % 40), NULL, DATE '2011-01-01' + CAST(i * 3650 / ? AS INTEGER), 'en', "
        "'synthetic', 'Synthetic article text number ' || i || '.', now()::TIMESTAMP "
        "FROM range(?) t(i)",
        [max(1, events // 10), max(1, events // 10)],
    )
    con.execute(
        "CREATE TEMP TABLE fw_cities AS SELECT * FROM (VALUES (0, 36.20, 37.16), "
        "(1, 33.51, 36.29), (2, 34.73, 36.71), (3, 35.13, 36.75), (4, 35.93, 36.63), "
        "(5, 35.95, 39.01), (6, 35.34, 40.14), (7, 32.62, 36.10), (8, 36.65, 37.06), "
        "(9, 33.57, 36.40)) c(k, lat, lon)"
    )
    con.execute(
        "INSERT INTO events (event_id, article_id, is_main, event_date, time_precision, "
        "event_type, sub_event_type, cause, actor1, actor1_side, inter1, actor2, actor2_side, "
        "inter2, location, admin1, admin2, country, latitude, longitude, geo_precision, "
        "gazetteer_id, fatalities_total, fatalities_civilians, fatalities_children, "
        "fatalities_women, fatalities_combatants, fatalities_qualifier, claimed_by, confidence) "
        "SELECT printf('e%09d', i), printf('a%08d', i // 10), i % 10 = 0, "
        "DATE '2011-01-01' + CAST(i * 3650 // ? AS INTEGER), 1, "
        "['Battles', 'Explosions/Remote violence', 'Violence against civilians', "
        "'Strategic developments'][1 + i % 4], "
        "['Armed clash', 'Air/drone strike', 'Attack', 'Other'][1 + i % 4], 'unknown', "
        "'Actor ' || (i % 17), ['government', 'opposition', 'jihadist', 'kurdish'][1 + i % 4], 1, "
        "NULL, NULL, NULL, 'Place ' || (i % 997), 'Admin', NULL, 'Syria', "
        "c.lat + (random() - 0.5) * 1.2, c.lon + (random() - 0.5) * 1.2, 1, NULL, "
        "CAST(floor(pow(random(), 4) * 60) AS INTEGER), NULL, NULL, NULL, NULL, NULL, "
        "['activists', 'state media', NULL][1 + i % 3], 0.5 "
        "FROM range(?) t(i) JOIN fw_cities c ON c.k = i % 10 ORDER BY i",
        [events, events],
    )
    con.execute(
        'INSERT INTO evidence (event_id, field, start, "end", text) '
        "SELECT e.event_id, f.field, f.s, f.s + 9, 'Synthetic' "
        "FROM events e, (VALUES ('event_type', 0), ('location', 10)) f(field, s) "
        "WHERE e.event_id LIKE 'e%'"
    )
    con.execute("COMMIT")
    con.execute("DROP TABLE fw_cities")
