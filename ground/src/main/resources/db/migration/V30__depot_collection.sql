-- LocoLink ground station, depot collection (migrations V30-V39 belong to io.locolink.ground.collect).
-- Locomotives are named by their id as announced (text), so this schema stands apart from the
-- ingest's numeric ids.

-- Per locomotive: where its depot server was last found and how collection went.
CREATE TABLE depot_collection_state (
  locomotive           text PRIMARY KEY,
  endpoint             text,                 -- coaps://address:port as announced
  identity             text,                 -- PSK identity used (never the key)
  last_attempt         timestamptz,
  last_collected       timestamptz,          -- end of the last round without failure
  pending_trips        integer NOT NULL DEFAULT 0,  -- listed by the gateway, not yet stored here
  failures             integer NOT NULL DEFAULT 0,  -- consecutive failed rounds
  last_failure         timestamptz,
  last_failure_reason  text,
  energy_through       timestamptz           -- newest energy period end collected from the depot
);

-- Every trip log collected: the file lies under the station's log directory by its SHA-256.
CREATE TABLE depot_trip (
  locomotive    text        NOT NULL,
  trip_id       text        NOT NULL,
  start_time    timestamptz NOT NULL,
  end_time      timestamptz NOT NULL,
  size_bytes    bigint      NOT NULL,
  sha256        text        NOT NULL,
  collected     timestamptz NOT NULL,
  acknowledged  timestamptz,                 -- when the gateway confirmed it (then it may delete its copy)
  PRIMARY KEY (locomotive, trip_id)
);
CREATE INDEX depot_trip_id ON depot_trip (trip_id);

-- Energy records fetched over CoAP, byte for byte with their SHA-256, and the settlement figures.
CREATE TABLE depot_energy (
  locomotive      text        NOT NULL,
  period_end      timestamptz NOT NULL,
  period_s        integer     NOT NULL,
  consumed_wh     bigint      NOT NULL,
  regenerated_wh  bigint      NOT NULL,
  depot_charge_wh bigint      NOT NULL,
  genset_wh       bigint      NOT NULL,
  quality_word    integer     NOT NULL,
  payload         bytea       NOT NULL,
  sha256          text        NOT NULL,
  collected       timestamptz NOT NULL,
  PRIMARY KEY (locomotive, period_end)
);
