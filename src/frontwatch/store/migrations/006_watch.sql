-- 006: route watches and their alerts (issue 5). A watch remembers the last state it was
-- found in (route open or cut, origin or destination encircled or not); an alert is written
-- only when that state changes, in the same transaction as the new state.
CREATE TABLE IF NOT EXISTS route_watches (
    watch_id       INTEGER PRIMARY KEY,
    origin         VARCHAR NOT NULL,
    destination    VARCHAR NOT NULL,
    side           VARCHAR NOT NULL,
    allies         VARCHAR[] NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    route_state    VARCHAR,
    encircled      BOOLEAN,
    state_as_of    DATE,
    updated_at     TIMESTAMP
);

CREATE TABLE IF NOT EXISTS route_alerts (
    alert_id      INTEGER PRIMARY KEY,
    watch_id      INTEGER NOT NULL,
    alert_date    DATE,
    kind          VARCHAR NOT NULL,
    summary       VARCHAR NOT NULL,
    localities    VARCHAR[] NOT NULL,
    observations  JSON NOT NULL,
    created_at    TIMESTAMP NOT NULL
);

CREATE INDEX IF NOT EXISTS route_alerts_watch ON route_alerts (watch_id);
