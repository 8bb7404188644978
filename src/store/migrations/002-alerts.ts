/**
 * Alert state, silences, subscriptions, the outbox and what the alert rules need of the past.
 * Times are epoch milliseconds. An alert row is one episode of a (rule, subject[, step]): it is
 * pending until its condition held long enough, firing until it stops holding, then resolved (or
 * replaced, when the next step of a stepped rule took over). A notice is the message an alert, or
 * a group of alerts that fired together, is posted as; it is posted once per channel and edited.
 */
export const alertsAndOutbox = `
CREATE TABLE alert_notices (
  id            TEXT PRIMARY KEY,
  rule          TEXT NOT NULL,
  posted_at     INTEGER NOT NULL,
  last_sent_at  INTEGER NOT NULL,
  repeats       INTEGER NOT NULL DEFAULT 0,
  revision      INTEGER NOT NULL DEFAULT 0,
  resolved_at   INTEGER
) STRICT;

CREATE INDEX alert_notices_open ON alert_notices (resolved_at);

CREATE TABLE alert_notice_channels (
  notice_id  TEXT NOT NULL REFERENCES alert_notices (id) ON DELETE CASCADE,
  surface    TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  PRIMARY KEY (notice_id, surface, channel_id)
) STRICT;

CREATE TABLE alerts (
  id            TEXT PRIMARY KEY,
  key           TEXT NOT NULL,
  rule          TEXT NOT NULL,
  subject       TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('pending', 'firing', 'resolved', 'replaced')),
  severity      TEXT NOT NULL CHECK (severity IN ('info', 'warning', 'critical')),
  finding_json  TEXT NOT NULL,
  streak        INTEGER NOT NULL CHECK (streak >= 0),
  since         INTEGER NOT NULL,
  fired_at      INTEGER,
  ended_at      INTEGER,
  notice_id     TEXT REFERENCES alert_notices (id) ON DELETE SET NULL,
  acked_surface TEXT,
  acked_id      TEXT,
  acked_name    TEXT,
  acked_at      INTEGER
) STRICT;

CREATE UNIQUE INDEX alerts_open_key ON alerts (key) WHERE status IN ('pending', 'firing');
CREATE INDEX alerts_by_notice ON alerts (notice_id);
CREATE INDEX alerts_by_fired ON alerts (fired_at);
CREATE INDEX alerts_by_end ON alerts (ended_at);

CREATE TABLE silences (
  id                 TEXT PRIMARY KEY,
  scope              TEXT NOT NULL CHECK (scope IN ('server', 'cluster', 'rule', 'all')),
  target             TEXT,
  label              TEXT NOT NULL,
  reason             TEXT,
  by_surface         TEXT NOT NULL,
  by_id              TEXT NOT NULL,
  by_name            TEXT NOT NULL,
  channel_surface    TEXT,
  channel_id         TEXT,
  starts_at          INTEGER NOT NULL,
  ends_at            INTEGER NOT NULL CHECK (ends_at >= starts_at),
  lifted_by_surface  TEXT,
  lifted_by_id       TEXT,
  lifted_by_name     TEXT,
  lifted_at          INTEGER,
  announced          INTEGER NOT NULL DEFAULT 0 CHECK (announced IN (0, 1))
) STRICT;

CREATE INDEX silences_by_end ON silences (announced, ends_at);

CREATE TABLE alert_subscriptions (
  surface      TEXT NOT NULL,
  channel_id   TEXT NOT NULL,
  rules_json   TEXT,
  min_severity TEXT NOT NULL CHECK (min_severity IN ('info', 'warning', 'critical')),
  enabled      INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  by_surface   TEXT NOT NULL,
  by_id        TEXT NOT NULL,
  by_name      TEXT NOT NULL,
  at           INTEGER NOT NULL,
  PRIMARY KEY (surface, channel_id)
) STRICT;

CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key      TEXT NOT NULL UNIQUE,
  surface         TEXT NOT NULL,
  channel_id      TEXT NOT NULL,
  kind            TEXT NOT NULL CHECK (kind IN ('post', 'edit', 'reply')),
  message_key     TEXT NOT NULL,
  reply_json      TEXT NOT NULL,
  status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'delivered', 'failed', 'superseded')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  created_at      INTEGER NOT NULL,
  finished_at     INTEGER,
  last_error      TEXT
) STRICT;

CREATE INDEX outbox_pending ON outbox (surface, channel_id, id) WHERE status = 'pending';
CREATE INDEX outbox_by_message ON outbox (surface, channel_id, message_key) WHERE status = 'pending';
CREATE INDEX outbox_finished ON outbox (finished_at) WHERE status <> 'pending';

CREATE TABLE outbox_refs (
  surface     TEXT NOT NULL,
  channel_id  TEXT NOT NULL,
  message_key TEXT NOT NULL,
  message_ref TEXT NOT NULL,
  posted_at   INTEGER NOT NULL,
  PRIMARY KEY (surface, channel_id, message_key)
) STRICT;

CREATE INDEX outbox_refs_by_age ON outbox_refs (posted_at);

CREATE TABLE alert_balance_samples (
  at      INTEGER PRIMARY KEY,
  balance REAL NOT NULL
) STRICT;

CREATE TABLE alert_usage_samples (
  at          INTEGER PRIMARY KEY,
  shares_json TEXT NOT NULL
) STRICT;

CREATE TABLE alert_status_since (
  server_id INTEGER PRIMARY KEY,
  status    TEXT NOT NULL,
  since     INTEGER NOT NULL
) STRICT;

CREATE TABLE alert_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;
