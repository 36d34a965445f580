-- LocoLink ground station, schema 2: per-minute rollups, energy records, alarms and trip summaries.

-- Per-minute rollups of frame_second for long ranges: for each channel of the history API
-- (io.locolink.ground.store.Channel) the minimum, maximum, sum and count of its per-second values
-- in the minute, so a bucket of whole minutes has its exact min, max and mean. Upserted by the
-- ingest with every new second row (exactly once, as the rows themselves).
CREATE TABLE frame_minute (
  time          timestamptz NOT NULL,
  locomotive_id integer NOT NULL,
  seconds       integer NOT NULL,
  soc_sum bigint,
  bms_soc_sum bigint,
  pack_voltage_sum bigint,
  pack_current_sum bigint,
  pack_power_sum bigint,
  cell_min_voltage_sum bigint,
  cell_max_voltage_sum bigint,
  cell_spread_sum bigint,
  cell_temp_min_sum bigint,
  cell_temp_max_sum bigint,
  winding_temp_max_sum bigint,
  inverter_temp_max_sum bigint,
  drive_power_sum bigint,
  genset_power_sum bigint,
  fuel_flow_sum bigint,
  speed_sum bigint,
  insulation_sum bigint,
  soc_min integer,
  soc_max integer,
  soc_n smallint NOT NULL DEFAULT 0,
  bms_soc_min integer,
  bms_soc_max integer,
  bms_soc_n smallint NOT NULL DEFAULT 0,
  pack_voltage_min integer,
  pack_voltage_max integer,
  pack_voltage_n smallint NOT NULL DEFAULT 0,
  pack_current_min integer,
  pack_current_max integer,
  pack_current_n smallint NOT NULL DEFAULT 0,
  pack_power_min integer,
  pack_power_max integer,
  pack_power_n smallint NOT NULL DEFAULT 0,
  cell_min_voltage_min integer,
  cell_min_voltage_max integer,
  cell_min_voltage_n smallint NOT NULL DEFAULT 0,
  cell_max_voltage_min integer,
  cell_max_voltage_max integer,
  cell_max_voltage_n smallint NOT NULL DEFAULT 0,
  cell_spread_min integer,
  cell_spread_max integer,
  cell_spread_n smallint NOT NULL DEFAULT 0,
  cell_temp_min_min integer,
  cell_temp_min_max integer,
  cell_temp_min_n smallint NOT NULL DEFAULT 0,
  cell_temp_max_min integer,
  cell_temp_max_max integer,
  cell_temp_max_n smallint NOT NULL DEFAULT 0,
  winding_temp_max_min integer,
  winding_temp_max_max integer,
  winding_temp_max_n smallint NOT NULL DEFAULT 0,
  inverter_temp_max_min integer,
  inverter_temp_max_max integer,
  inverter_temp_max_n smallint NOT NULL DEFAULT 0,
  drive_power_min integer,
  drive_power_max integer,
  drive_power_n smallint NOT NULL DEFAULT 0,
  genset_power_min integer,
  genset_power_max integer,
  genset_power_n smallint NOT NULL DEFAULT 0,
  fuel_flow_min integer,
  fuel_flow_max integer,
  fuel_flow_n smallint NOT NULL DEFAULT 0,
  speed_min integer,
  speed_max integer,
  speed_n smallint NOT NULL DEFAULT 0,
  insulation_min integer,
  insulation_max integer,
  insulation_n smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (locomotive_id, time)
) PARTITION BY RANGE (time);

-- Energy records: one per locomotive and 5-minute period (EN 50463 compiled energy data). The
-- first record of a period is kept; the raw message of any other copy stays in raw_message.
CREATE TABLE energy_record (
  period_end          timestamptz NOT NULL,
  boot_id             bigint  NOT NULL,
  sequence            bigint  NOT NULL,
  consumed_wh         bigint  NOT NULL,
  regenerated_wh      bigint  NOT NULL,
  depot_charge_wh     bigint  NOT NULL,
  genset_wh           bigint  NOT NULL,
  diesel_ml           bigint  NOT NULL,
  co2_tank_to_wheel_g bigint  NOT NULL,
  co2_well_to_wheel_g bigint  NOT NULL,
  co2_avoided_g       bigint  NOT NULL,
  locomotive_id       integer NOT NULL,
  period_s            integer NOT NULL,
  quality_word        integer NOT NULL,
  latitude_e7         integer,
  longitude_e7        integer,
  time_status         smallint NOT NULL,
  energy_status       smallint NOT NULL,
  location_status     smallint NOT NULL,
  historical          boolean NOT NULL,
  consumption_point   text NOT NULL,
  PRIMARY KEY (locomotive_id, period_end)
) PARTITION BY RANGE (period_end);

-- Every alarm event (raised, cleared, storm summary) as the locomotive sent it.
-- tier: 1 note, 2 reduce power, 3 open contactors. event: 1 raised, 2 cleared, 3 storm summary.
CREATE TABLE alarm_event (
  time          timestamptz NOT NULL,
  boot_id       bigint   NOT NULL,
  sequence      bigint   NOT NULL,
  value_milli   bigint   NOT NULL,
  limit_milli   bigint   NOT NULL,
  locomotive_id integer  NOT NULL,
  channel_index integer  NOT NULL,
  suppressed    integer  NOT NULL,
  tier          smallint NOT NULL,
  event         smallint NOT NULL,
  channel       smallint NOT NULL,
  historical    boolean  NOT NULL,
  code          text NOT NULL,
  unit          text NOT NULL
) PARTITION BY RANGE (time);
CREATE INDEX alarm_event_locomotive_time ON alarm_event (locomotive_id, time);

-- The alarms raised and not yet cleared, one row per (locomotive, code, channel index).
CREATE TABLE alarm_active (
  locomotive_id integer NOT NULL,
  code          text NOT NULL,
  channel_index integer NOT NULL,
  raised        timestamptz NOT NULL,
  tier          smallint NOT NULL,
  value_milli   bigint NOT NULL,
  limit_milli   bigint NOT NULL,
  unit          text NOT NULL,
  PRIMARY KEY (locomotive_id, code, channel_index)
);

-- Trip summaries, one per (locomotive, trip id).
CREATE TABLE trip (
  locomotive_id      integer NOT NULL,
  trip_id            text NOT NULL,
  start_time         timestamptz NOT NULL,
  end_time           timestamptz NOT NULL,
  distance_m         bigint NOT NULL,
  consumed_wh        bigint NOT NULL,
  regenerated_wh     bigint NOT NULL,
  co2_avoided_g      bigint NOT NULL,
  diesel_ml          bigint NOT NULL,
  frames             bigint NOT NULL,
  soc_start_pm       integer NOT NULL,
  soc_end_pm         integer NOT NULL,
  min_cell_temp_dc   integer NOT NULL,
  max_cell_temp_dc   integer NOT NULL,
  max_motor_temp_dc  integer NOT NULL,
  alarms             integer NOT NULL,
  PRIMARY KEY (locomotive_id, trip_id)
);
CREATE INDEX trip_locomotive_start ON trip (locomotive_id, start_time);
