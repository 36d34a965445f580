-- LocoLink ground station, schema 3: per-minute rollups computed once a minute is complete.
--
-- Until schema 2 the ingest merged every batch's new seconds into frame_minute, rewriting a wide
-- rollup row for each (locomotive, minute) in every batch: with a live fleet, once per frame. Now
-- a batch only marks the minutes it touched here; the station rolls a marked minute up from its
-- per-second rows once it is complete (ready_at: the minute's end, or the arrival of its latest
-- frame, plus a few seconds) and deletes the mark in the same transaction. A second arriving late
-- marks its minute again, which is rolled up afresh. While a minute is marked, readers take it from
-- frame_second instead of frame_minute, so a query never sees a partial rollup.
CREATE TABLE minute_pending (
  locomotive_id integer     NOT NULL,
  minute        timestamptz NOT NULL,
  ready_at      timestamptz NOT NULL,
  PRIMARY KEY (locomotive_id, minute)
) WITH (fillfactor = 50);
