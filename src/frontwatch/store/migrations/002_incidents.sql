-- 002: near-duplicate signatures, incidents and their reports, reference records (issue 4).
CREATE TABLE IF NOT EXISTS article_signatures (
    article_id    VARCHAR PRIMARY KEY REFERENCES articles (article_id),
    signature     UBIGINT[] NOT NULL,
    shingles      INTEGER NOT NULL,
    duplicate_of  VARCHAR,
    similarity    DOUBLE
);

CREATE TABLE IF NOT EXISTS article_bands (
    band_key    UBIGINT NOT NULL,
    article_id  VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS incidents (
    incident_id      VARCHAR PRIMARY KEY,
    first_date       DATE,
    last_date        DATE,
    date_tolerance   INTEGER NOT NULL,
    event_type       VARCHAR NOT NULL,
    sub_event_type   VARCHAR NOT NULL,
    cause            VARCHAR,
    location         VARCHAR,
    admin1           VARCHAR,
    latitude         DOUBLE,
    longitude        DOUBLE,
    n_reports        INTEGER NOT NULL,
    n_sources        INTEGER NOT NULL,
    outlets          VARCHAR[] NOT NULL,
    fatalities_low   INTEGER,
    fatalities_best  INTEGER,
    fatalities_high  INTEGER,
    fatalities_acled INTEGER,
    disagreements    JSON NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS incident_reports (
    event_id      VARCHAR PRIMARY KEY,
    incident_id   VARCHAR NOT NULL,
    article_id    VARCHAR NOT NULL,
    outlet        VARCHAR NOT NULL,
    duplicate_of  VARCHAR,
    terms         VARCHAR[] NOT NULL
);

CREATE TABLE IF NOT EXISTS reference_records (
    record_id    VARCHAR PRIMARY KEY,
    dataset      VARCHAR NOT NULL,
    record_date  DATE NOT NULL,
    admin1       VARCHAR,
    place        VARCHAR,
    cause        VARCHAR,
    status       VARCHAR NOT NULL,
    count        INTEGER NOT NULL,
    origin       VARCHAR NOT NULL
);

CREATE INDEX IF NOT EXISTS article_bands_key ON article_bands (band_key);
CREATE INDEX IF NOT EXISTS incidents_dates ON incidents (first_date, last_date);
CREATE INDEX IF NOT EXISTS incident_reports_incident ON incident_reports (incident_id);
CREATE INDEX IF NOT EXISTS incident_reports_article ON incident_reports (article_id);
CREATE INDEX IF NOT EXISTS reference_records_date ON reference_records (record_date);
