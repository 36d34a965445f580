-- LocoLink ground station, schema 5: room on each page for the rows the ingest rewrites.
--
-- Every batch rewrites the latest row of each locomotive it holds (locomotive_latest) and the
-- sequence accounting of each boot (boot); with a live fleet that is one rewrite per frame. On a
-- full page PostgreSQL writes the new row version to another page and adds an index entry for it,
-- so the tables and their keys grow with every batch until a vacuum; with room left on the page
-- the new version stays on it (a heap-only update) and the key is not touched. Half of each page
-- is kept free, as for minute_pending; both tables hold one row per locomotive (or boot), so this
-- costs little space. Pages already full get the room as they are rewritten.
ALTER TABLE locomotive_latest SET (fillfactor = 50);
ALTER TABLE boot SET (fillfactor = 50);
