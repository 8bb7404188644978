import type { Cluster, RtpServer, Zone } from '../../domain/schemas.js';
import type { Db } from './database.js';

/** Zones, clusters and RTP servers: the lists a server refers to. */
export class CatalogTable {
  constructor(private readonly db: Db) {}

  zones(limit?: number): Zone[] {
    return this.db.prepare('SELECT id, name FROM zones ORDER BY id LIMIT ?').all(limit ?? -1) as Zone[];
  }

  findZone(name: string): Zone | undefined {
    return this.db.prepare('SELECT id, name FROM zones WHERE name = ? COLLATE NOCASE').get(name) as
      | Zone
      | undefined;
  }

  addZone(name: string): void {
    this.db.prepare('INSERT INTO zones (name) VALUES (?)').run(name);
  }

  clusters(limit?: number): Cluster[] {
    return this.db.prepare('SELECT id, name FROM clusters ORDER BY id LIMIT ?').all(limit ?? -1) as Cluster[];
  }

  findCluster(id: number): Cluster | undefined {
    return this.db.prepare('SELECT id, name FROM clusters WHERE id = ?').get(id) as Cluster | undefined;
  }

  findClusterByName(name: string): Cluster | undefined {
    return this.db.prepare('SELECT id, name FROM clusters WHERE name = ? COLLATE NOCASE').get(name) as
      | Cluster
      | undefined;
  }

  addCluster(name: string): number {
    return Number(this.db.prepare('INSERT INTO clusters (name) VALUES (?)').run(name).lastInsertRowid);
  }

  /** Servers refer to clusters: the caller empties the fleet first. */
  deleteAllClusters(): void {
    this.db.exec('DELETE FROM clusters');
  }

  rtpServers(limit?: number): RtpServer[] {
    return this.db
      .prepare('SELECT id, ip, alias, zone FROM rtp_servers ORDER BY id LIMIT ?')
      .all(limit ?? -1) as RtpServer[];
  }

  /** One media group per zone that has RTP servers (the real shape is unconfirmed: `{id, name}` like zones). */
  rtpGroups(limit?: number): Zone[] {
    return this.db
      .prepare('SELECT id, name FROM zones WHERE name IN (SELECT zone FROM rtp_servers) ORDER BY id LIMIT ?')
      .all(limit ?? -1) as Zone[];
  }

  addRtpServer(server: Omit<RtpServer, 'id'>): void {
    this.db.prepare('INSERT INTO rtp_servers (ip, alias, zone) VALUES (@ip, @alias, @zone)').run(server);
  }
}
