import { z } from 'zod';

/** Payload schemas of the control-plane contract (shared/docs/CONTROL-PLANE-API.md). Unknown extra fields are tolerated (stripped). */

export const SERVER_STATUSES = [
  'active',
  'inactive',
  'expired',
  'deploying',
  'installing',
  'starting',
  'stopping',
  'stopped',
  'restarting',
  'rebooting',
] as const;
export const ServerStatus = z.enum(SERVER_STATUSES);
export type ServerStatus = z.infer<typeof ServerStatus>;

export const ServerType = z.enum(['switch', 'dispatcher']);
export type ServerType = z.infer<typeof ServerType>;

export const SERVER_ACTIONS = [
  'install',
  'start',
  'stop',
  'restart',
  'os-cycle',
  'power-cycle',
  'reactivate',
  'flush',
] as const;
export const ServerAction = z.enum(SERVER_ACTIONS);
export type ServerAction = z.infer<typeof ServerAction>;

const port = z.number().int().min(1).max(65535);

export const ServerConfig = z.object({
  fqdn: z.string().nullable(),
  capacity_failover_id: z.number().int().nullable(),
  uac_auth: z.object({ username: z.string(), password_set: z.boolean() }).nullable(),
  webrtc: z.boolean(),
  tls: z.boolean(),
  tls_internals: z.boolean(),
  auto_upgrade: z.boolean(),
  disable_uac_ping: z.boolean(),
  uac_location_sharing: z.boolean(),
  us_eu: z.boolean(),
  udp_ports: z.array(port),
  tcp_ports: z.array(port),
  tls_ports: z.array(port),
  tcp_sip_trace: z.boolean(),
  anyreg: z.boolean(),
});
export type ServerConfig = z.infer<typeof ServerConfig>;

export const Server = z.object({
  id: z.number().int(),
  ip: z.string(),
  alias: z.string(),
  type: ServerType,
  cluster_id: z.number().int().nullable(),
  zone: z.string(),
  channels: z.number().int().min(0),
  channels_max: z.number().int().min(0),
  cps: z.number().min(0),
  cps_max: z.number().min(0),
  expires: z.string().nullable(),
  status: ServerStatus,
  stale: z.boolean(),
  sip_latency_ms: z.number().nullable(),
  icmp_latency_ms: z.number().nullable(),
  members: z.array(z.number().int()),
  config: ServerConfig,
});
export type Server = z.infer<typeof Server>;
export const ServerList = z.array(Server);

/** Body of `PUT setup/server/:id`: a partial config, plus cluster and UAC credentials (the password only travels this way). */
export const ServerUpdate = ServerConfig.omit({ uac_auth: true })
  .partial()
  .extend({
    cluster_id: z.number().int().nullable().optional(),
    uac_auth: z
      .object({ username: z.string().min(1), password: z.string() })
      .nullable()
      .optional(),
  });
export type ServerUpdate = z.infer<typeof ServerUpdate>;

export const DeployRequest = z.object({
  zone: z.string().min(1),
  alias: z.string().min(1),
  type: ServerType,
  cluster_id: z.number().int().nullable().optional(),
});
export type DeployRequest = z.infer<typeof DeployRequest>;

export const JobStatus = z.enum(['queued', 'running', 'done', 'failed']);
export type JobStatus = z.infer<typeof JobStatus>;
export const Job = z.object({
  id: z.number().int(),
  server_id: z.number().int(),
  action: z.string(),
  status: JobStatus,
  progress: z.number().min(0).max(100),
  created: z.string(),
  finished: z.string().nullable(),
  error: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;
export const JobList = z.array(Job);

export const Cluster = z.object({ id: z.number().int(), name: z.string() });
export type Cluster = z.infer<typeof Cluster>;
export const ClusterList = z.array(Cluster);

export const RtpServer = z.object({
  id: z.number().int(),
  ip: z.string(),
  alias: z.string(),
  zone: z.string(),
});
export type RtpServer = z.infer<typeof RtpServer>;
export const RtpServerList = z.array(RtpServer);

export const Zone = z.object({ id: z.number().int(), name: z.string() });
export type Zone = z.infer<typeof Zone>;
export const ZoneList = z.array(Zone);

export const Account = z.object({
  name: z.string(),
  currency: z.string(),
  balance: z.number(),
  server_price: z.number(),
  getting_started_done: z.boolean(),
});
export type Account = z.infer<typeof Account>;

export const WriteOk = z.object({ status: z.literal('OK') });
export const CreatedOk = WriteOk.extend({ id: z.number().int() });
export const DeployOk = WriteOk.extend({ id: z.number().int(), job_id: z.number().int() });
export const ActionOk = WriteOk.extend({ job_id: z.number().int() });
export type DeployOk = z.infer<typeof DeployOk>;
export type ActionOk = z.infer<typeof ActionOk>;

/** Error bodies: `{error}` or `{message}`; anything else is treated as text by the client. */
export const ErrorBody = z.union([z.object({ error: z.string() }), z.object({ message: z.string() })]);
