import type { ControlPlane } from '../controlplane/port.js';
import type { Cluster, Server } from '../domain/schemas.js';
import { UserError } from './errors.js';
import { didYouMean } from './suggest.js';

/** Finds servers and clusters by what people type: an IP, an alias or an id. */
export class Fleet {
  constructor(private readonly controlPlane: ControlPlane) {}

  servers(): Promise<Server[]> {
    return this.controlPlane.listServers();
  }

  async resolveServer(ref: string): Promise<Server> {
    const servers = await this.servers();
    return findServer(servers, ref);
  }

  async resolveCluster(name: string): Promise<Cluster> {
    const clusters = await this.controlPlane.listClusters();
    const wanted = name.trim().toLowerCase();
    const found = clusters.find((c) => c.name.toLowerCase() === wanted || String(c.id) === wanted);
    if (found) return found;
    const hint = didYouMean(
      name,
      clusters.map((c) => c.name),
    );
    throw new UserError(
      `No cluster "${name}".${hint}`,
      clusters.length
        ? `Clusters: ${clusters.map((c) => c.name).join(', ')}. Type /cx clusters to see them.`
        : 'There are no clusters yet: /cx cluster create <name>',
    );
  }
}

export function findServer(servers: readonly Server[], ref: string): Server {
  const wanted = ref.trim().toLowerCase();
  const found =
    servers.find((s) => s.ip.toLowerCase() === wanted) ??
    servers.find((s) => s.alias.toLowerCase() === wanted) ??
    (/^\d+$/.test(wanted) ? servers.find((s) => String(s.id) === wanted) : undefined);
  if (found) return found;
  const hint = didYouMean(
    ref,
    servers.flatMap((s) => [s.alias, s.ip]),
  );
  throw new UserError(
    `No server "${ref}".${hint}`,
    'Type /cx servers to list them (IP, alias or id all work).',
  );
}
