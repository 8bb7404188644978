import type { z } from 'zod';
import {
  Account,
  ActionOk,
  type Cluster,
  ClusterList,
  CreatedOk,
  DeployOk,
  type DeployRequest,
  Job,
  JobList,
  type RtpServer,
  RtpServerList,
  Server,
  type ServerAction,
  ServerList,
  type ServerUpdate,
  WriteOk,
  type Zone,
  ZoneList,
} from '../domain/schemas.js';
import { decode, type ResponseShape, responseShape } from './decode.js';
import { type Answer, HttpTransport, type Query, type WriteMethod } from './http.js';
import { type ControlPlaneClientOptions, transportConfig } from './options.js';
import { paths } from './paths.js';
import type { ControlPlane, ServerFilter } from './port.js';

export { type ControlPlaneClientOptions, DEFAULT_BASE_URL } from './options.js';

const shapes = {
  servers: responseShape(ServerList, 'servers'),
  server: responseShape(Server, 'server'),
  job: responseShape(Job, 'job'),
  jobs: responseShape(JobList, 'jobs'),
  clusters: responseShape(ClusterList, 'clusters'),
  rtpServers: responseShape(RtpServerList, 'rtp_servers'),
  zones: responseShape(ZoneList, 'zones'),
  account: responseShape(Account, 'account'),
  written: responseShape(WriteOk, 'answer'),
  created: responseShape(CreatedOk, 'answer'),
  deployed: responseShape(DeployOk, 'answer'),
  actionStarted: responseShape(ActionOk, 'answer'),
};

/** The one way Switchboard reaches ConnexCS or the embedded control plane. Every method throws ControlPlaneError on failure. */
export class ControlPlaneClient implements ControlPlane {
  readonly baseUrl: string;
  private readonly http: HttpTransport;

  constructor(options: ControlPlaneClientOptions) {
    const config = transportConfig(options);
    this.baseUrl = config.baseUrl.href;
    this.http = new HttpTransport(config);
  }

  async listServers(filter: ServerFilter = {}): Promise<Server[]> {
    const { cluster_id, type, status, zone } = filter;
    return this.read(shapes.servers, paths.servers(), { cluster_id, type, status, zone });
  }

  async getServer(id: number): Promise<Server> {
    return this.read(shapes.server, paths.server(id));
  }

  async updateServer(id: number, update: ServerUpdate): Promise<void> {
    await this.writeOk('PUT', paths.server(id), update);
  }

  async deployServer(request: DeployRequest): Promise<DeployOk> {
    return this.write(shapes.deployed, 'POST', paths.servers(), request);
  }

  async serverAction(id: number, action: ServerAction): Promise<ActionOk> {
    return this.write(shapes.actionStarted, 'POST', paths.serverAction(id), { action });
  }

  async addMember(dispatcherId: number, switchId: number): Promise<void> {
    await this.writeOk('POST', paths.serverMembers(dispatcherId), { server_id: switchId });
  }

  async removeMember(dispatcherId: number, switchId: number): Promise<void> {
    await this.writeOk('DELETE', paths.serverMember(dispatcherId, switchId));
  }

  async getJob(id: number): Promise<Job> {
    return this.read(shapes.job, paths.job(id));
  }

  async listJobs(serverId?: number): Promise<Job[]> {
    return this.read(shapes.jobs, paths.jobs(), { server_id: serverId });
  }

  async listClusters(): Promise<Cluster[]> {
    return this.read(shapes.clusters, paths.clusters());
  }

  async createCluster(name: string): Promise<{ id: number }> {
    const { id } = await this.write(shapes.created, 'POST', paths.clusters(), { name });
    return { id };
  }

  async listRtpServers(): Promise<RtpServer[]> {
    return this.read(shapes.rtpServers, paths.rtpServers());
  }

  async listZones(): Promise<Zone[]> {
    return this.read(shapes.zones, paths.zones());
  }

  async getAccount(): Promise<Account> {
    return this.read(shapes.account, paths.account());
  }

  /** Stops pending retries, waits for requests in flight, then closes the connections. */
  close(): Promise<void> {
    return this.http.close();
  }

  private async read<S extends z.ZodType>(
    shape: ResponseShape<S>,
    path: string,
    query?: Query,
  ): Promise<z.output<S>> {
    return decode(shape, await this.http.get(path, query), { method: 'GET', path });
  }

  private async write<S extends z.ZodType>(
    shape: ResponseShape<S>,
    method: WriteMethod,
    path: string,
    body?: unknown,
  ): Promise<z.output<S>> {
    return decode(shape, await this.http.send(method, path, body), { method, path });
  }

  /** A write whose answer carries nothing but OK; an empty 204 says the same. */
  private async writeOk(method: WriteMethod, path: string, body?: unknown): Promise<void> {
    const answer: Answer = await this.http.send(method, path, body);
    if (answer.status === 204 && !answer.text.trim()) return;
    decode(shapes.written, answer, { method, path });
  }
}
