-- 001: articles, events, evidence (issue 2).
CREATE TABLE IF NOT EXISTS articles (
    article_id   VARCHAR PRIMARY KEY,
    input_id     VARCHAR,
    title        VARCHAR,
    source       VARCHAR,
    url          VARCHAR,
    published    DATE,
    language     VARCHAR,
    origin       VARCHAR,
    text         VARCHAR NOT NULL,
    ingested_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS events (
    event_id        VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL REFERENCES articles (article_id),
    is_main         BOOLEAN NOT NULL,
    event_date      DATE,
    time_precision  TINYINT,
    event_type      VARCHAR NOT NULL,
    sub_event_type  VARCHAR NOT NULL,
    cause           VARCHAR,
    actor1          VARCHAR,
    actor1_side     VARCHAR,
    inter1          TINYINT,
    actor2          VARCHAR,
    actor2_side     VARCHAR,
    inter2          TINYINT,
    location        VARCHAR,
    admin1          VARCHAR,
    admin2          VARCHAR,
    country         VARCHAR,
    latitude        DOUBLE,
    longitude       DOUBLE,
    geo_precision   TINYINT,
    gazetteer_id    VARCHAR,
    fatalities_total       INTEGER,
    fatalities_civilians   INTEGER,
    fatalities_children    INTEGER,
    fatalities_women       INTEGER,
    fatalities_combatants  INTEGER,
    fatalities_qualifier   VARCHAR,
    claimed_by      VARCHAR,
    confidence      DOUBLE
);

CREATE TABLE IF NOT EXISTS evidence (
    event_id  VARCHAR NOT NULL REFERENCES events (event_id),
    field     VARCHAR NOT NULL,
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      VARCHAR NOT NULL
);

CREATE INDEX IF NOT EXISTS events_date ON events (event_date);
CREATE INDEX IF NOT EXISTS events_article ON events (article_id);
CREATE INDEX IF NOT EXISTS evidence_event ON evidence (event_id);
