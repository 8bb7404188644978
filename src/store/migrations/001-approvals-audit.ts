/**
 * Pending confirmations and the audit log. Times are epoch milliseconds (INTEGER), so expiry is a
 * plain comparison. The audit log has no foreign key to approvals: it records what happened even
 * for requests that never became (or no longer are) approval rows.
 */
export const approvalsAndAudit = `
CREATE TABLE approvals (
  id                 TEXT PRIMARY KEY CHECK (length(id) >= 16),
  command            TEXT NOT NULL,
  args_json          TEXT NOT NULL,
  risk               TEXT NOT NULL CHECK (risk IN ('change', 'disruptive')),
  summary            TEXT NOT NULL,
  requester_surface  TEXT NOT NULL CHECK (requester_surface IN ('slack', 'discord', 'console')),
  requester_id       TEXT NOT NULL,
  requester_name     TEXT NOT NULL,
  channel_id         TEXT,
  message_ref        TEXT,
  server_id          INTEGER,
  status             TEXT NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'approved', 'executed', 'failed', 'cancelled', 'expired')),
  created_at         INTEGER NOT NULL,
  expires_at         INTEGER NOT NULL CHECK (expires_at > created_at),
  decided_by_surface TEXT CHECK (decided_by_surface IN ('slack', 'discord', 'console')),
  decided_by_id      TEXT,
  decided_by_name    TEXT,
  decided_at         INTEGER,
  result_json        TEXT
) STRICT;

CREATE INDEX approvals_by_status_expiry ON approvals (status, expires_at);

CREATE TABLE audit (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  at            INTEGER NOT NULL,
  event         TEXT NOT NULL,
  actor_surface TEXT,
  actor_id      TEXT,
  actor_name    TEXT,
  channel_id    TEXT,
  command       TEXT,
  args_json     TEXT,
  approval_id   TEXT,
  server_id     INTEGER,
  outcome       TEXT,
  detail        TEXT
) STRICT;

CREATE INDEX audit_by_server ON audit (server_id, id);
CREATE INDEX audit_by_approval ON audit (approval_id);

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE(ABORT, 'the audit log is append-only');
END;
`;
