import { randomBytes } from 'node:crypto';
import type { Account, ServerConfig } from '../../domain/schemas.js';
import { answersProbes } from '../ops/status-effects.js';
import type { Plane } from '../plane.js';
import type { ServerColumns } from '../store/servers-table.js';
import { defaultConfig } from './defaults.js';
import { zoneFacts } from './zones.js';

export const DEMO_ACCOUNT: Account = {
  name: 'Quokka Telecom',
  currency: 'USD',
  balance: 412.5,
  server_price: 20,
  getting_started_done: true,
};

const DAY = 86_400;

interface DemoServer {
  alias: string;
  ip: string;
  type: ServerColumns['type'];
  cluster: 'eu-core' | 'us-core' | null;
  zone: string;
  channels: number;
  channels_max: number;
  cps: number;
  cps_max: number;
  status?: ServerColumns['status'];
  expiresInDays?: number;
  stale?: boolean;
  peak_share: number;
  config?: Partial<ServerConfig>;
  members?: string[];
}

// The fleet of USER-STORIES: ams-sw-1 hot, ams-sw-2 idle and expiring, fra-sw-1 stale with auto
// upgrade off, lon-sw-1 unclustered, sgp-sw-9 expired. CPS limits of clustered servers are their cluster's.
const DEMO_SERVERS: readonly DemoServer[] = [
  {
    alias: 'ams-lb-1',
    ip: '203.0.113.41',
    type: 'dispatcher',
    cluster: 'eu-core',
    zone: 'Amsterdam',
    channels: 0,
    channels_max: 0,
    cps: 45,
    cps_max: 150,
    peak_share: 0,
    members: ['ams-sw-1', 'ams-sw-2', 'fra-sw-1'],
  },
  {
    alias: 'ams-sw-1',
    ip: '203.0.113.42',
    type: 'switch',
    cluster: 'eu-core',
    zone: 'Amsterdam',
    channels: 611,
    channels_max: 700,
    cps: 31,
    cps_max: 150,
    peak_share: 0.95,
    config: {
      fqdn: 'ams-sw-1.quokka.example',
      tls: true,
      uac_auth: { username: 'quokka-trunk', password_set: true },
    },
  },
  {
    alias: 'ams-sw-2',
    ip: '203.0.113.43',
    type: 'switch',
    cluster: 'eu-core',
    zone: 'Amsterdam',
    channels: 12,
    channels_max: 700,
    cps: 2,
    cps_max: 150,
    expiresInDays: 2,
    peak_share: 0.05,
  },
  {
    alias: 'fra-sw-1',
    ip: '203.0.113.44',
    type: 'switch',
    cluster: 'eu-core',
    zone: 'Germany',
    channels: 240,
    channels_max: 700,
    cps: 12,
    cps_max: 150,
    stale: true,
    peak_share: 0.45,
    config: { auto_upgrade: false, udp_ports: [5080] },
  },
  {
    alias: 'lon-sw-1',
    ip: '203.0.113.45',
    type: 'switch',
    cluster: null,
    zone: 'UK',
    channels: 180,
    channels_max: 1000,
    cps: 9,
    cps_max: 100,
    peak_share: 0.3,
  },
  {
    alias: 'nyc-sw-1',
    ip: '198.51.100.21',
    type: 'switch',
    cluster: 'us-core',
    zone: 'USA East',
    channels: 420,
    channels_max: 1000,
    cps: 21,
    cps_max: 40,
    peak_share: 0.55,
    config: { fqdn: 'nyc-sw-1.quokka.example', webrtc: true, tls: true, us_eu: true },
  },
  {
    alias: 'lax-sw-1',
    ip: '198.51.100.22',
    type: 'switch',
    cluster: 'us-core',
    zone: 'USA West',
    channels: 140,
    channels_max: 1000,
    cps: 7,
    cps_max: 40,
    peak_share: 0.2,
  },
  {
    alias: 'sgp-sw-9',
    ip: '198.51.100.7',
    type: 'switch',
    cluster: null,
    zone: 'Singapore',
    channels: 0,
    channels_max: 300,
    cps: 0,
    cps_max: 40,
    status: 'expired',
    expiresInDays: -3,
    peak_share: 0.2,
  },
];

const DEMO_JOBS = [
  { alias: 'lax-sw-1', action: 'deploy', daysAgo: 12, seconds: 300, prior: 'inactive', error: null },
  {
    alias: 'sgp-sw-9',
    action: 'install',
    daysAgo: 4,
    seconds: 120,
    prior: 'active',
    error: 'the server stopped answering during the install',
  },
  { alias: 'ams-lb-1', action: 'flush', daysAgo: 2, seconds: 10, prior: 'active', error: null },
  { alias: 'nyc-sw-1', action: 'restart', daysAgo: 1.1, seconds: 60, prior: 'active', error: null },
] as const;

function toColumns(server: DemoServer, clusterIds: Record<string, number>, plane: Plane): ServerColumns {
  const status = server.status ?? 'active';
  const facts = zoneFacts(server.zone);
  const answers = answersProbes(status);
  const config = { ...defaultConfig(), ...server.config };
  return {
    ip: server.ip,
    alias: server.alias,
    type: server.type,
    cluster_id: server.cluster ? clusterIds[server.cluster]! : null,
    zone: server.zone,
    channels: server.channels,
    channels_max: server.channels_max,
    cps: server.cps,
    cps_max: server.cps_max,
    expires: server.expiresInDays === undefined ? null : plane.time.iso(server.expiresInDays * DAY),
    status,
    stale: server.stale ?? false,
    sip_latency_ms: answers ? facts.sipLatencyMs : null,
    icmp_latency_ms: answers ? facts.icmpLatencyMs : null,
    config,
    // The demo's UAC password is unknown to anyone: only the fact that one is set is real.
    uac_password_hash: config.uac_auth?.password_set ? `seeded:${randomBytes(16).toString('hex')}` : null,
    peak_share: server.peak_share,
  };
}

/** Quokka Telecom's fleet, as in USER-STORIES.md, with a short job history. */
export function seedDemoFleet(plane: Plane): void {
  const clusterIds = {
    'eu-core': plane.catalog.addCluster('eu-core'),
    'us-core': plane.catalog.addCluster('us-core'),
  };
  const ids = new Map<string, number>();
  for (const server of DEMO_SERVERS)
    ids.set(server.alias, plane.servers.insert(toColumns(server, clusterIds, plane)));
  for (const server of DEMO_SERVERS) {
    for (const member of server.members ?? [])
      plane.servers.addMember(ids.get(server.alias)!, ids.get(member)!);
  }
  for (const job of DEMO_JOBS) {
    const created = plane.time.iso(-job.daysAgo * DAY);
    // A failed job stopped part of the way through.
    const reached = job.error ? 0.4 : 1;
    plane.jobs.insertFinished({
      server_id: ids.get(job.alias)!,
      action: job.action,
      created,
      duration_s: job.seconds,
      prior_status: job.prior,
      status: job.error ? 'failed' : 'done',
      progress: reached * 100,
      finished: new Date(Date.parse(created) + job.seconds * reached * 1000).toISOString(),
      error: job.error,
    });
  }
}
