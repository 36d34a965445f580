-- LocoLink ground station, schema 4: the fleet snapshot's "gaps today" from a small table, and the
-- uplink's set-aside messages in the status.
--
-- The snapshot shows, for each locomotive, the messages still missing in the gaps opened today
-- (UTC). Summing them from the gap table reads every open gap of the fleet at each snapshot, which
-- grows with the gaps, not with the fleet. gap_day keeps that sum per (UTC day the gaps were
-- opened, locomotive): the ingest adds a new gap's size to its day and takes each filled number off
-- the day its gap was opened, in the batch's transaction (io.locolink.ground.store.SequenceAccounting),
-- so gap_day.missing always equals sum(gap.missing) of that day's gaps of that locomotive.
CREATE TABLE gap_day (
  day           date    NOT NULL,
  locomotive_id integer NOT NULL,
  missing       bigint  NOT NULL,
  PRIMARY KEY (day, locomotive_id)
);

INSERT INTO gap_day (day, locomotive_id, missing)
SELECT (opened AT TIME ZONE 'UTC')::date, locomotive_id, sum(missing)
FROM gap
GROUP BY 1, 2
HAVING sum(missing) > 0;

-- Status fields 30-31: messages the gateway's uplink set aside after the broker refused them
-- repeatedly (kept on its disk, not sent), and why it last did; 0 and '' from gateways that do not
-- report them.
ALTER TABLE status_latest
  ADD COLUMN set_aside_messages    bigint NOT NULL DEFAULT 0,
  ADD COLUMN last_set_aside_reason text   NOT NULL DEFAULT '';
