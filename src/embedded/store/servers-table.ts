import { Server, type ServerConfig, type ServerStatus, type ServerType } from '../../domain/schemas.js';
import type { Db } from './database.js';
import { Statements } from './statements.js';

/** What a server row stores; `members` live in their own table. */
export interface ServerColumns {
  ip: string;
  alias: string;
  type: ServerType;
  cluster_id: number | null;
  zone: string;
  channels: number;
  channels_max: number;
  cps: number;
  cps_max: number;
  expires: string | null;
  status: ServerStatus;
  stale: boolean;
  sip_latency_ms: number | null;
  icmp_latency_ms: number | null;
  config: ServerConfig;
  /** Never part of the API answer: it only proves a UAC password was given. */
  uac_password_hash: string | null;
  /** Share of channels_max the server reaches at the daily peak (simulation). */
  peak_share: number;
}
export type ServerPatch = Partial<ServerColumns>;

export interface ServerQuery {
  cluster_id?: number | undefined;
  type?: ServerType | undefined;
  status?: ServerStatus | undefined;
  zone?: string | undefined;
  limit?: number | undefined;
}

/** What the traffic simulation reads of every server that answers. */
export interface TrafficRow {
  id: number;
  type: ServerType;
  zone: string;
  cluster_id: number | null;
  status: ServerStatus;
  channels: number;
  channels_max: number;
  cps: number;
  cps_max: number;
  peak_share: number;
}

export interface TrafficUpdate {
  id: number;
  channels: number;
  cps: number;
  sip_latency_ms: number;
  icmp_latency_ms: number;
}

const COLUMNS: readonly (keyof ServerColumns)[] = [
  'ip',
  'alias',
  'type',
  'cluster_id',
  'zone',
  'channels',
  'channels_max',
  'cps',
  'cps_max',
  'expires',
  'status',
  'stale',
  'sip_latency_ms',
  'icmp_latency_ms',
  'config',
  'uac_password_hash',
  'peak_share',
];

// SQLite builds each server's API JSON itself: one query for any list, no per-row work in JS.
const SERVER_JSON = `json_object(
  'id', s.id, 'ip', s.ip, 'alias', s.alias, 'type', s.type, 'cluster_id', s.cluster_id, 'zone', s.zone,
  'channels', s.channels, 'channels_max', s.channels_max, 'cps', s.cps, 'cps_max', s.cps_max,
  'expires', s.expires, 'status', s.status, 'stale', json(iif(s.stale, 'true', 'false')),
  'sip_latency_ms', s.sip_latency_ms, 'icmp_latency_ms', s.icmp_latency_ms,
  'members', json((SELECT json_group_array(m.switch_id) FROM members m WHERE m.dispatcher_id = s.id)),
  'config', json(s.config))`;

const INSERT_SQL = `INSERT INTO servers (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`;

const LIST_SQL = `SELECT ${SERVER_JSON} FROM servers s
  WHERE (@cluster_id IS NULL OR s.cluster_id = @cluster_id)
    AND (@type IS NULL OR s.type = @type)
    AND (@status IS NULL OR s.status = @status)
    AND (@zone IS NULL OR s.zone = @zone COLLATE NOCASE)
  ORDER BY s.id LIMIT @limit`;

function toSql(column: keyof ServerColumns, value: ServerColumns[keyof ServerColumns]): unknown {
  if (column === 'config') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** Servers and dispatcher members. Every write goes through here, so the list cache knows when it is stale. */
export class ServersTable {
  private readonly sql: Statements;
  private revision = 0;
  private fullList: { revision: number; json: string } | undefined;

  constructor(private readonly db: Db) {
    this.sql = new Statements(db);
  }

  /**
   * The API answer for a list, as JSON text (an array). The unfiltered list is kept until the
   * next write, so a client polling a big fleet costs one string per change, not per request.
   */
  listJson(query: ServerQuery = {}): string {
    const unfiltered = Object.values(query).every((value) => value === undefined);
    if (unfiltered && this.fullList?.revision === this.revision) return this.fullList.json;
    const rows = this.sql.pluck(LIST_SQL).all({
      cluster_id: query.cluster_id ?? null,
      type: query.type ?? null,
      status: query.status ?? null,
      zone: query.zone ?? null,
      limit: query.limit ?? -1,
    }) as string[];
    const json = `[${rows.join(',')}]`;
    // Never cache what a transaction might still roll back.
    if (unfiltered && !this.db.inTransaction) this.fullList = { revision: this.revision, json };
    return json;
  }

  getJson(id: number): string | undefined {
    return this.sql.pluck(`SELECT ${SERVER_JSON} FROM servers s WHERE s.id = ?`).get(id) as
      | string
      | undefined;
  }

  get(id: number): Server | undefined {
    const json = this.getJson(id);
    return json === undefined ? undefined : Server.parse(JSON.parse(json));
  }

  count(): number {
    return this.sql.pluck('SELECT count(*) FROM servers').get() as number;
  }

  countWhereStatusNot(status: ServerStatus): number {
    return this.sql.pluck('SELECT count(*) FROM servers WHERE status <> ?').get(status) as number;
  }

  findIdByAlias(alias: string): number | undefined {
    return this.sql.pluck('SELECT id FROM servers WHERE alias = ? COLLATE NOCASE').get(alias) as
      | number
      | undefined;
  }

  /** Every address in use, RTP servers' included: a new server gets none of them. */
  usedIps(): Set<string> {
    const sql = "SELECT ip FROM servers WHERE ip <> '' UNION SELECT ip FROM rtp_servers";
    return new Set(this.sql.pluck(sql).all() as string[]);
  }

  insert(server: ServerColumns): number {
    this.changed();
    const values = Object.fromEntries(COLUMNS.map((column) => [column, toSql(column, server[column])]));
    return Number(this.sql.get(INSERT_SQL).run(values).lastInsertRowid);
  }

  update(id: number, patch: ServerPatch): void {
    const columns = COLUMNS.filter((column) => patch[column] !== undefined);
    if (columns.length === 0) return;
    this.changed();
    const values = Object.fromEntries(columns.map((column) => [column, toSql(column, patch[column]!)]));
    this.sql
      .get(`UPDATE servers SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`)
      .run({ ...values, id });
  }

  /** Other clustered servers' CPS limit: the limit a newcomer to the cluster shares. */
  clusterCpsMax(clusterId: number, exceptId: number): number | undefined {
    const sql = 'SELECT max(cps_max) FROM servers WHERE cluster_id = ? AND id <> ?';
    return (this.sql.pluck(sql).get(clusterId, exceptId) as number | null) ?? undefined;
  }

  idsExpiringBy(nowIso: string): number[] {
    const sql = "SELECT id FROM servers WHERE status <> 'expired' AND expires IS NOT NULL AND expires <= ?";
    return this.sql.pluck(sql).all(nowIso) as number[];
  }

  idsWhereStatusNot(status: ServerStatus): number[] {
    return this.sql.pluck('SELECT id FROM servers WHERE status <> ?').all(status) as number[];
  }

  /** What the traffic simulation reads of the servers that answer (active and inactive ones). */
  trafficRows(): TrafficRow[] {
    return this.sql
      .get(
        `SELECT id, type, zone, cluster_id, status, channels, channels_max, cps, cps_max, peak_share
         FROM servers WHERE status IN ('active', 'inactive')`,
      )
      .all() as TrafficRow[];
  }

  saveTraffic(updates: Iterable<TrafficUpdate>): void {
    this.changed();
    const statement = this.sql.get(
      `UPDATE servers SET channels = @channels, cps = @cps, sip_latency_ms = @sip_latency_ms,
       icmp_latency_ms = @icmp_latency_ms WHERE id = @id`,
    );
    for (const update of updates) statement.run(update);
  }

  /** Auto upgrade: an active server with an update waiting takes it once it carries no calls. */
  applyAutoUpgrades(): void {
    const result = this.sql
      .get(
        `UPDATE servers SET stale = 0 WHERE stale = 1 AND status = 'active' AND channels = 0
         AND json_extract(config, '$.auto_upgrade') = 1`,
      )
      .run();
    if (result.changes > 0) this.changed();
  }

  /** Dispatcher -> switches, for every dispatcher that balances any. */
  allMembers(): Map<number, number[]> {
    const rows = this.sql.get('SELECT dispatcher_id, switch_id FROM members').all() as {
      dispatcher_id: number;
      switch_id: number;
    }[];
    const byDispatcher = new Map<number, number[]>();
    for (const row of rows) {
      const switches = byDispatcher.get(row.dispatcher_id);
      if (switches) switches.push(row.switch_id);
      else byDispatcher.set(row.dispatcher_id, [row.switch_id]);
    }
    return byDispatcher;
  }

  addMember(dispatcherId: number, switchId: number): boolean {
    this.changed();
    const sql = 'INSERT OR IGNORE INTO members (dispatcher_id, switch_id) VALUES (?, ?)';
    return this.sql.get(sql).run(dispatcherId, switchId).changes > 0;
  }

  removeMember(dispatcherId: number, switchId: number): boolean {
    this.changed();
    const sql = 'DELETE FROM members WHERE dispatcher_id = ? AND switch_id = ?';
    return this.sql.get(sql).run(dispatcherId, switchId).changes > 0;
  }

  deleteAll(): void {
    this.changed();
    this.db.exec('DELETE FROM members; DELETE FROM servers;');
  }

  private changed(): void {
    this.revision++;
  }
}
