import type { Statement } from 'better-sqlite3';
import { Server, type ServerConfig, type ServerStatus, type ServerType } from '../../domain/schemas.js';
import type { Db } from './database.js';

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

export class ServersTable {
  private readonly listStatement: Statement;
  private readonly getStatement: Statement;
  private readonly insertStatement: Statement;
  private readonly trafficStatement: Statement;
  private readonly updateStatements = new Map<string, Statement>();

  constructor(private readonly db: Db) {
    this.listStatement = db.prepare(LIST_SQL).pluck();
    this.getStatement = db.prepare(`SELECT ${SERVER_JSON} FROM servers s WHERE s.id = ?`).pluck();
    this.insertStatement = db.prepare(
      `INSERT INTO servers (${COLUMNS.join(', ')}) VALUES (${COLUMNS.map((c) => `@${c}`).join(', ')})`,
    );
    this.trafficStatement = db.prepare(
      `UPDATE servers SET channels = @channels, cps = @cps, sip_latency_ms = @sip_latency_ms,
       icmp_latency_ms = @icmp_latency_ms WHERE id = @id`,
    );
  }

  /** The API answer for a list, as JSON text (an array). */
  listJson(query: ServerQuery = {}): string {
    const rows = this.listStatement.all({
      cluster_id: query.cluster_id ?? null,
      type: query.type ?? null,
      status: query.status ?? null,
      zone: query.zone ?? null,
      limit: query.limit ?? -1,
    }) as string[];
    return `[${rows.join(',')}]`;
  }

  getJson(id: number): string | undefined {
    return this.getStatement.get(id) as string | undefined;
  }

  get(id: number): Server | undefined {
    const json = this.getJson(id);
    return json === undefined ? undefined : Server.parse(JSON.parse(json));
  }

  all(): Server[] {
    return JSON.parse(this.listJson()).map((row: unknown) => Server.parse(row));
  }

  count(): number {
    return this.db.prepare('SELECT count(*) FROM servers').pluck().get() as number;
  }

  countWhereStatusNot(status: ServerStatus): number {
    return this.db.prepare('SELECT count(*) FROM servers WHERE status <> ?').pluck().get(status) as number;
  }

  findIdByAlias(alias: string): number | undefined {
    return this.db.prepare('SELECT id FROM servers WHERE alias = ? COLLATE NOCASE').pluck().get(alias) as
      | number
      | undefined;
  }

  /** Every address in use, RTP servers' included: a new server gets none of them. */
  usedIps(): Set<string> {
    const sql = "SELECT ip FROM servers WHERE ip <> '' UNION SELECT ip FROM rtp_servers";
    return new Set(this.db.prepare(sql).pluck().all() as string[]);
  }

  insert(server: ServerColumns): number {
    const values = Object.fromEntries(COLUMNS.map((column) => [column, toSql(column, server[column])]));
    return Number(this.insertStatement.run(values).lastInsertRowid);
  }

  update(id: number, patch: ServerPatch): void {
    const columns = COLUMNS.filter((column) => patch[column] !== undefined);
    if (columns.length === 0) return;
    const key = columns.join(',');
    let statement = this.updateStatements.get(key);
    if (!statement) {
      statement = this.db.prepare(
        `UPDATE servers SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`,
      );
      this.updateStatements.set(key, statement);
    }
    const values = Object.fromEntries(columns.map((column) => [column, toSql(column, patch[column]!)]));
    statement.run({ ...values, id });
  }

  /** Other clustered servers' CPS limit: the limit a newcomer to the cluster shares. */
  clusterCpsMax(clusterId: number, exceptId: number): number | undefined {
    const limit = this.db
      .prepare('SELECT max(cps_max) FROM servers WHERE cluster_id = ? AND id <> ?')
      .pluck()
      .get(clusterId, exceptId) as number | null;
    return limit ?? undefined;
  }

  idsExpiringBy(nowIso: string): number[] {
    return this.db
      .prepare("SELECT id FROM servers WHERE status <> 'expired' AND expires IS NOT NULL AND expires <= ?")
      .pluck()
      .all(nowIso) as number[];
  }

  idsWhereStatusNot(status: ServerStatus): number[] {
    return this.db.prepare('SELECT id FROM servers WHERE status <> ?').pluck().all(status) as number[];
  }

  trafficRows(statuses: readonly ServerStatus[]): TrafficRow[] {
    const placeholders = statuses.map(() => '?').join(', ');
    return this.db
      .prepare(
        `SELECT id, type, zone, cluster_id, status, channels, channels_max, cps, cps_max, peak_share
         FROM servers WHERE status IN (${placeholders})`,
      )
      .all(...statuses) as TrafficRow[];
  }

  saveTraffic(updates: Iterable<TrafficUpdate>): void {
    for (const update of updates) this.trafficStatement.run(update);
  }

  /** Auto upgrade: an active server with an update waiting takes it once it carries no calls. */
  applyAutoUpgrades(): void {
    this.db
      .prepare(
        `UPDATE servers SET stale = 0 WHERE stale = 1 AND status = 'active' AND channels = 0
         AND json_extract(config, '$.auto_upgrade') = 1`,
      )
      .run();
  }

  members(dispatcherId: number): number[] {
    return this.db
      .prepare('SELECT switch_id FROM members WHERE dispatcher_id = ? ORDER BY switch_id')
      .pluck()
      .all(dispatcherId) as number[];
  }

  /** Dispatcher -> switches, for every dispatcher that balances any. */
  allMembers(): Map<number, number[]> {
    const rows = this.db.prepare('SELECT dispatcher_id, switch_id FROM members').all() as {
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
    const result = this.db
      .prepare('INSERT OR IGNORE INTO members (dispatcher_id, switch_id) VALUES (?, ?)')
      .run(dispatcherId, switchId);
    return result.changes > 0;
  }

  removeMember(dispatcherId: number, switchId: number): boolean {
    const result = this.db
      .prepare('DELETE FROM members WHERE dispatcher_id = ? AND switch_id = ?')
      .run(dispatcherId, switchId);
    return result.changes > 0;
  }

  deleteAll(): void {
    this.db.exec('DELETE FROM members; DELETE FROM servers;');
  }
}
