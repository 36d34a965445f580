-- LocoLink ground station, schema 32: a locomotive's latest row may have no live arrival.
--
-- locomotive_latest.received is when the station last received a live frame of the locomotive, which
-- keeps it fresh. Frames the broker held for the station while it was away (delivered in a burst when
-- it reconnects) update the values shown but not that time, so a locomotive the station knows only
-- from such frames has none: NULL, and it is stale.
ALTER TABLE locomotive_latest ALTER COLUMN received DROP NOT NULL;
