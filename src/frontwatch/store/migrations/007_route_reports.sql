-- 007: reports about routes themselves (issue 5): "cutting the main supply route between Aleppo
-- and Turkey". Derived data, read from stored articles with their control observations and
-- replaced per article in the same transaction. `ends` and `places` are JSON lists of
-- {name, latitude, longitude} (a region such as "Turkey" has no point).
CREATE TABLE IF NOT EXISTS route_reports (
    report_id       VARCHAR PRIMARY KEY,
    article_id      VARCHAR NOT NULL,
    event_id        VARCHAR,
    status          VARCHAR NOT NULL,
    ends            JSON NOT NULL,
    places          JSON NOT NULL,
    observed        DATE NOT NULL,
    owner           VARCHAR,
    agent           VARCHAR,
    evidence        VARCHAR NOT NULL,
    evidence_start  INTEGER,
    evidence_end    INTEGER,
    credibility     DOUBLE NOT NULL,
    source          VARCHAR
);

CREATE INDEX IF NOT EXISTS route_reports_article ON route_reports (article_id);

-- Articles read before this migration have no route reports yet: mark them unread, so that
-- `frontwatch control rebuild` reads them again (their observations are replaced, not doubled).
DELETE FROM control_articles;
