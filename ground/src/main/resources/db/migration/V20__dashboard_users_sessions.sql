-- LocoLink dashboard: users, sessions and the audit trail of what they changed.
-- Passwords are stored only as bcrypt hashes (salted, cost in the hash); a session is stored only
-- as the SHA-256 of its cookie token, so a copy of this table cannot be replayed as a log-in.

CREATE TABLE web_user (
  id            integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name          text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9._@-]{1,64}$'),
  role          text NOT NULL CHECK (role IN ('viewer', 'engineer', 'admin')),
  password_hash text NOT NULL,
  created       timestamptz NOT NULL DEFAULT now(),
  disabled      boolean NOT NULL DEFAULT false
);

CREATE TABLE web_session (
  token_sha256 bytea PRIMARY KEY,
  user_id      integer NOT NULL REFERENCES web_user (id) ON DELETE CASCADE,
  csrf_token   text NOT NULL,
  created      timestamptz NOT NULL,
  last_seen    timestamptz NOT NULL,
  expires      timestamptz NOT NULL
);
CREATE INDEX web_session_expires ON web_session (expires);

-- Every state change made through the dashboard: who, when, what.
CREATE TABLE web_audit (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  time      timestamptz NOT NULL DEFAULT now(),
  user_name text NOT NULL,
  action    text NOT NULL,
  detail    text NOT NULL
);
