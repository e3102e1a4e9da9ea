-- 005: control observations and their conflicts (issue 5). Derived data: observations are
-- read from stored articles and events (replaced per article) or imported as a baseline;
-- conflicts are recomputed per locality from the observations (packaged sides and rules).
CREATE TABLE IF NOT EXISTS control_observations (
    observation_id  VARCHAR PRIMARY KEY,
    locality_id     VARCHAR NOT NULL,
    locality_name   VARCHAR NOT NULL,
    latitude        DOUBLE NOT NULL,
    longitude       DOUBLE NOT NULL,
    side            VARCHAR NOT NULL,
    kind            VARCHAR NOT NULL,
    observed        DATE NOT NULL,
    event_id        VARCHAR,
    article_id      VARCHAR,
    evidence        VARCHAR NOT NULL,
    evidence_start  INTEGER,
    evidence_end    INTEGER,
    credibility     DOUBLE NOT NULL,
    source          VARCHAR,
    origin          VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS control_conflicts (
    conflict_id  VARCHAR PRIMARY KEY,
    locality_id  VARCHAR NOT NULL,
    decided      DATE NOT NULL,
    chosen_side  VARCHAR,
    rule         VARCHAR NOT NULL,
    claims       VARCHAR[] NOT NULL
);

-- articles whose control observations are up to date (an article may have none)
CREATE TABLE IF NOT EXISTS control_articles (
    article_id  VARCHAR PRIMARY KEY,
    read_at     TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS control_observations_locality ON control_observations (locality_id);
CREATE INDEX IF NOT EXISTS control_observations_article ON control_observations (article_id);
CREATE INDEX IF NOT EXISTS control_conflicts_locality ON control_conflicts (locality_id);
