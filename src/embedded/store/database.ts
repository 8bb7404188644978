import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Schema versions, applied in order; `user_version` records how many ran. */
const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE account (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    name TEXT NOT NULL,
    currency TEXT NOT NULL,
    balance REAL NOT NULL,
    server_price REAL NOT NULL,
    getting_started_done INTEGER NOT NULL
  );
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE zones (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE);
  CREATE TABLE clusters (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE COLLATE NOCASE);
  CREATE TABLE rtp_servers (id INTEGER PRIMARY KEY, ip TEXT NOT NULL, alias TEXT NOT NULL, zone TEXT NOT NULL);
  CREATE TABLE servers (
    id INTEGER PRIMARY KEY,
    ip TEXT NOT NULL,
    alias TEXT NOT NULL UNIQUE COLLATE NOCASE,
    type TEXT NOT NULL,
    cluster_id INTEGER REFERENCES clusters (id),
    zone TEXT NOT NULL,
    channels INTEGER NOT NULL,
    channels_max INTEGER NOT NULL,
    cps REAL NOT NULL,
    cps_max REAL NOT NULL,
    expires TEXT,
    status TEXT NOT NULL,
    stale INTEGER NOT NULL,
    sip_latency_ms REAL,
    icmp_latency_ms REAL,
    config TEXT NOT NULL,
    uac_password_hash TEXT,
    peak_share REAL NOT NULL
  );
  -- a deploying server has no address yet ('')
  CREATE UNIQUE INDEX servers_ip ON servers (ip) WHERE ip <> '';
  CREATE INDEX servers_cluster ON servers (cluster_id);
  CREATE TABLE members (
    dispatcher_id INTEGER NOT NULL REFERENCES servers (id),
    switch_id INTEGER NOT NULL REFERENCES servers (id),
    PRIMARY KEY (dispatcher_id, switch_id)
  ) WITHOUT ROWID;
  CREATE INDEX members_switch ON members (switch_id);
  CREATE TABLE jobs (
    id INTEGER PRIMARY KEY,
    server_id INTEGER NOT NULL,
    action TEXT NOT NULL,
    status TEXT NOT NULL,
    progress INTEGER NOT NULL,
    created TEXT NOT NULL,
    finished TEXT,
    error TEXT,
    duration_s REAL NOT NULL,
    prior_status TEXT NOT NULL
  );
  CREATE INDEX jobs_server ON jobs (server_id, id);
  CREATE INDEX jobs_open ON jobs (status) WHERE status IN ('queued', 'running');
  `,
];

export interface OpenedDatabase {
  db: Db;
  /** True when the file had no schema yet: the caller seeds it. */
  isNew: boolean;
}

export function openDatabase(path: string): OpenedDatabase {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    db.close();
    throw new Error(`${path} was written by a newer Switchboard (schema ${version}); use a new data folder`);
  }
  db.transaction(() => {
    for (const sql of MIGRATIONS.slice(version)) db.exec(sql);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
  })();
  return { db, isNew: version === 0 };
}
