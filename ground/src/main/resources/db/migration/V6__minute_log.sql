-- LocoLink ground station, schema 6: the minutes waiting for a rollup as a log the ingest only appends to.
--
-- Until schema 5 each batch upserted one minute_pending row per (locomotive, minute) it touched: with
-- a live fleet, about one row per frame, each taking a row lock, a new row version and its WAL. Now a
-- batch inserts one minute_log row per minute it touched, holding the locomotives that have seconds in
-- it. The rollup (io.locolink.ground.store.MinuteRollups) reads the rows that are ready, rolls up
-- their (locomotive, minute) pairs from the per-second rows and deletes exactly the rows it read, in
-- one transaction; a second committed meanwhile comes with a row of its own, which a later rollup
-- takes. Rollups take turns on a transaction-scoped advisory lock. While a (locomotive, minute) is in
-- the log, readers take that minute from frame_second instead of frame_minute.
CREATE TABLE minute_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  minute      timestamptz NOT NULL,
  ready_at    timestamptz NOT NULL,
  locomotives integer[]   NOT NULL
);
CREATE INDEX minute_log_minute ON minute_log (minute);

INSERT INTO minute_log (minute, ready_at, locomotives)
SELECT minute, max(ready_at), array_agg(locomotive_id ORDER BY locomotive_id)
FROM minute_pending
GROUP BY minute;

DROP TABLE minute_pending;
