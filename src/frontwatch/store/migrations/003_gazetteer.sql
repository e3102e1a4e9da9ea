-- 003: imported gazetteers (issue 3). One source = one import; re-importing a source
-- replaces its rows in one transaction. The bundled gazetteer is not stored here.
CREATE TABLE IF NOT EXISTS gazetteer_sources (
    source       VARCHAR PRIMARY KEY,
    format       VARCHAR NOT NULL,
    files        VARCHAR NOT NULL,
    imported_at  TIMESTAMP NOT NULL,
    places       INTEGER NOT NULL,
    names        INTEGER NOT NULL,
    sha256       VARCHAR NOT NULL
);

-- gazetteer_id is unique within a source; two sources may carry the same id (a GeoNames
-- place in two dumps): the most recently imported source wins when the gazetteer loads.
CREATE TABLE IF NOT EXISTS gazetteer_places (
    gazetteer_id   VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    name           VARCHAR NOT NULL,
    country        VARCHAR NOT NULL,
    admin1         VARCHAR,
    admin2         VARCHAR,
    latitude       DOUBLE NOT NULL,
    longitude      DOUBLE NOT NULL,
    feature_class  VARCHAR NOT NULL,
    feature_code   VARCHAR NOT NULL,
    population     BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS gazetteer_names (
    gazetteer_id  VARCHAR NOT NULL,
    source        VARCHAR NOT NULL,
    name          VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,
    language      VARCHAR
);

CREATE INDEX IF NOT EXISTS gazetteer_places_source ON gazetteer_places (source);
CREATE INDEX IF NOT EXISTS gazetteer_names_source ON gazetteer_names (source);
