-- LocoLink ground station, schema 7: the sequence accounting of a batch in one statement per batch.
--
-- Until schema 6 the ingest locked the boot rows of a batch (SELECT ... FOR UPDATE, in key order),
-- computed the new range and count and the gaps from what it read, and updated the rows: two
-- statements and two changes of each row a batch, with a live fleet about one of each per frame.
-- Now one UPDATE (in key order) sets the new range and count and keeps the values from before in
-- prev_first, prev_last and prev_received, which it returns; the gaps are computed from those, in
-- the same transaction. The prev_* columns only say what the row held before its latest update.
ALTER TABLE boot
  ADD COLUMN prev_first    bigint,
  ADD COLUMN prev_last     bigint,
  ADD COLUMN prev_received bigint;
