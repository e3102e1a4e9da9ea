-- 004: the geocoder's disambiguation record on each event's location (issue 3): the chosen
-- place's score, how its name matched ('exact' or 'fuzzy'), and the runner-up candidate.
ALTER TABLE events ADD COLUMN IF NOT EXISTS geo_score DOUBLE;
ALTER TABLE events ADD COLUMN IF NOT EXISTS geo_match VARCHAR;
ALTER TABLE events ADD COLUMN IF NOT EXISTS geo_runner_up VARCHAR;
