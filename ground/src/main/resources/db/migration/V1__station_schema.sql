-- LocoLink ground station, schema 1: locomotives, raw messages, per-second rows, latest state,
-- status, sequence accounting (boots and gaps) and dead letters.
-- Time-ranged tables are partitioned by range of time; the station creates a partition before it
-- writes into it (see io.locolink.ground.store.Partitions) and retention drops whole partitions.

-- The small integer every other table uses for a locomotive.
CREATE TABLE locomotive (
  id         integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name       text NOT NULL UNIQUE,
  first_seen timestamptz NOT NULL DEFAULT now()
);

-- Every accepted message byte for byte, for exact replay. The primary key is the de-duplication:
-- a (locomotive, boot, stream, sequence) is written once, whatever the broker redelivers. The
-- header time is part of the key because a partitioned table's unique key must hold its partition
-- key; a message's time is fixed when the gateway encodes it, so a redelivered or backlog copy
-- carries the same time as the original.
-- stream: 1 telemetry, 2 energy, 3 alarm, 4 status, 5 trip.
CREATE TABLE raw_message (
  time          timestamptz NOT NULL,
  received      timestamptz NOT NULL,
  boot_id       bigint      NOT NULL,
  sequence      bigint      NOT NULL,
  locomotive_id integer     NOT NULL,
  stream        smallint    NOT NULL,
  historical    boolean     NOT NULL,
  payload       bytea       NOT NULL,
  PRIMARY KEY (locomotive_id, boot_id, stream, sequence, time)
) PARTITION BY RANGE (time);

-- One wide row per frame-second: the decoded values a chart or a question needs, as scaled
-- integers in the wire's units (names end in the unit: pm = per mille, cv = 10 mV, da = 0.1 A,
-- hw = 0.1 kW, mv = mV, dc = 0.1 degC, cmh = 0.01 km/h, e7 = degrees x 10^7). Written only for a
-- message that raw_message accepted as new, so it needs no unique key of its own.
CREATE TABLE frame_second (
  time                  timestamptz NOT NULL,
  odometer_m            bigint,
  locomotive_id         integer  NOT NULL,
  pack_cv               integer,
  pack_da               integer,
  pack_da_min           integer,
  pack_da_max           integer,
  pack_hw               integer,
  drive_hw              integer,
  genset_hw             integer,
  fuel_ml_per_min       integer,
  speed_cmh             integer,
  latitude_e7           integer,
  longitude_e7          integer,
  insulation_kohm       integer,
  quality               integer  NOT NULL,
  soc_pm                smallint,
  soc_uncertainty_pm    smallint,
  soh_pm                smallint,
  bms_soc_pm            smallint,
  cell_min_mv           smallint,
  cell_min_index        smallint,
  cell_max_mv           smallint,
  cell_max_index        smallint,
  cell_temp_min_dc      smallint,
  cell_temp_max_dc      smallint,
  cell_temp_max_index   smallint,
  winding_max_dc        smallint,
  inverter_max_dc       smallint,
  bearing_max_dc        smallint,
  flags                 smallint NOT NULL
) PARTITION BY RANGE (time);
CREATE INDEX frame_second_locomotive_time ON frame_second (locomotive_id, time);

-- Each locomotive's newest per-second row (same columns), for the fleet snapshot.
CREATE TABLE locomotive_latest (LIKE frame_second);
ALTER TABLE locomotive_latest ADD PRIMARY KEY (locomotive_id);
ALTER TABLE locomotive_latest ADD COLUMN received timestamptz NOT NULL DEFAULT now();

-- The newest live status of each locomotive (the retained message or its last will).
CREATE TABLE status_latest (
  locomotive_id       integer PRIMARY KEY,
  time                timestamptz NOT NULL,
  received            timestamptz NOT NULL,
  boot_id             bigint NOT NULL,
  link                text NOT NULL,
  software_version    text NOT NULL,
  queue_depth         bigint NOT NULL,
  oldest_unsent_age_s bigint NOT NULL,
  dropped_telemetry   bigint NOT NULL,
  dropped_other       bigint NOT NULL,
  uptime_s            bigint NOT NULL
);

-- Sequence accounting per (locomotive, boot): the lowest and highest sequence seen and how many
-- distinct messages arrived (status messages carry no sequence and are not counted).
CREATE TABLE boot (
  locomotive_id integer NOT NULL,
  boot_id       bigint  NOT NULL,
  first_seq     bigint  NOT NULL,
  last_seq      bigint  NOT NULL,
  received      bigint  NOT NULL,
  first_seen    timestamptz NOT NULL,
  last_seen     timestamptz NOT NULL,
  PRIMARY KEY (locomotive_id, boot_id)
);

-- A run of sequence numbers missing when a higher (or lower) one arrived. `missing` counts down as
-- the backlog fills the run; a gap whose every number arrived is closed.
CREATE TABLE gap (
  id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  locomotive_id integer NOT NULL,
  boot_id       bigint  NOT NULL,
  first_seq     bigint  NOT NULL,
  last_seq      bigint  NOT NULL,
  missing       bigint  NOT NULL,
  opened        timestamptz NOT NULL,
  closed        timestamptz
);
CREATE INDEX gap_open ON gap (locomotive_id, boot_id) WHERE closed IS NULL;
CREATE INDEX gap_locomotive_opened ON gap (locomotive_id, opened);

-- Messages the station could not accept, kept with the reason (garbage, truncated, oversized,
-- topic and header naming different locomotives ...). Payloads over the size limit are cut.
CREATE TABLE dead_letter (
  received       timestamptz NOT NULL,
  topic          text NOT NULL,
  reason         text NOT NULL,
  payload_length integer NOT NULL,
  payload        bytea NOT NULL
) PARTITION BY RANGE (received);
