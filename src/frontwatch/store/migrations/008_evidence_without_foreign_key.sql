-- 008: `evidence` without its foreign key to `events` (issue 3: `frontwatch reanalyze`).
-- DuckDB refuses to delete an event in the transaction that deletes its evidence rows (a
-- documented limit of its foreign keys), so an article's events could not be replaced in one
-- transaction. The table is rebuilt with the same columns, rows and index; the store keeps
-- evidence and events in step itself: both are written, and replaced, per article in one
-- transaction (docs/decisions/0012-reanalysis.md).
CREATE OR REPLACE TABLE evidence_008 (
    event_id  VARCHAR NOT NULL,
    field     VARCHAR NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      VARCHAR NOT NULL
);
INSERT INTO evidence_008 SELECT event_id, field, start, "end", text FROM evidence;
DROP TABLE evidence;
ALTER TABLE evidence_008 RENAME TO evidence;
CREATE INDEX IF NOT EXISTS evidence_event ON evidence (event_id);
