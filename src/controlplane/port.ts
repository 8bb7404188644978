import type {
  Account,
  ActionOk,
  Cluster,
  DeployOk,
  DeployRequest,
  Job,
  RtpServer,
  Server,
  ServerAction,
  ServerUpdate,
  Zone,
} from '../domain/schemas.js';

export interface ServerFilter {
  cluster_id?: number;
  type?: 'switch' | 'dispatcher';
  status?: string;
  zone?: string;
}

/**
 * What the rest of Switchboard needs of a control plane. `ControlPlaneClient` implements it over
 * HTTP; every method throws `ControlPlaneError` on failure.
 */
export interface ControlPlane {
  /** Base URL, without credentials (safe to log and show). */
  readonly baseUrl: string;
  listServers(filter?: ServerFilter): Promise<Server[]>;
  getServer(id: number): Promise<Server>;
  updateServer(id: number, update: ServerUpdate): Promise<void>;
  deployServer(request: DeployRequest): Promise<DeployOk>;
  serverAction(id: number, action: ServerAction): Promise<ActionOk>;
  addMember(dispatcherId: number, switchId: number): Promise<void>;
  removeMember(dispatcherId: number, switchId: number): Promise<void>;
  getJob(id: number): Promise<Job>;
  listJobs(serverId?: number): Promise<Job[]>;
  listClusters(): Promise<Cluster[]>;
  createCluster(name: string): Promise<{ id: number }>;
  listRtpServers(): Promise<RtpServer[]>;
  listZones(): Promise<Zone[]>;
  getAccount(): Promise<Account>;
}
