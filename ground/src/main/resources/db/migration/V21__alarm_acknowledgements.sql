-- Acknowledgements of alarm occurrences. An occurrence is the raising message of an alarm, named by
-- its locomotive, the gateway's boot id and that message's sequence number: the same identity the
-- station de-duplicates on, so it stays stable whatever tables the station keeps its alarms in.
-- An occurrence is acknowledged once; the row is the audit record (who, when, comment).
CREATE TABLE alarm_ack (
  locomotive   text        NOT NULL,
  boot_id      bigint      NOT NULL,
  sequence     bigint      NOT NULL,
  acked_by     text        NOT NULL,
  acked_at     timestamptz NOT NULL DEFAULT now(),
  comment      text        NOT NULL CHECK (length(comment) BETWEEN 1 AND 1000),
  PRIMARY KEY (locomotive, boot_id, sequence)
);
