import type { Finding, RuleId, Severity } from '../../src/alerts/findings.js';
import { evaluate } from '../../src/alerts/rules.js';
import { emptyHistory, type History, type Snapshot } from '../../src/alerts/snapshot.js';
import { DEFAULT_THRESHOLDS, type Thresholds } from '../../src/alerts/thresholds.js';
import { Account, Job, Server, type ServerConfig } from '../../src/domain/schemas.js';
import { defaultConfig } from '../../src/domain/server-defaults.js';

/** Thursday 12 June 2025, 11:00 UTC. */
export const NOW = new Date('2025-06-12T11:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function ago(ms: number): Date {
  return new Date(NOW.getTime() - ms);
}

export function ahead(ms: number): Date {
  return new Date(NOW.getTime() + ms);
}

const CONFIG: ServerConfig = defaultConfig();

/** A healthy, idle, unclustered switch; parsed, so a fixture can never drift from the contract. */
export function server(
  id: number,
  fields: Partial<Omit<Server, 'config'>> & { config?: Partial<ServerConfig> } = {},
) {
  const { config, ...rest } = fields;
  return Server.parse({
    id,
    ip: `203.0.113.${id}`,
    alias: `sw-${id}`,
    type: 'switch',
    cluster_id: null,
    zone: 'Amsterdam',
    channels: 0,
    channels_max: 100,
    cps: 0,
    cps_max: 50,
    expires: null,
    status: 'active',
    stale: false,
    sip_latency_ms: 4,
    icmp_latency_ms: 2,
    members: [],
    config: { ...CONFIG, ...config },
    ...rest,
  });
}

export function account(fields: Partial<Account> = {}): Account {
  return Account.parse({
    name: 'Quokka Telecom',
    currency: 'USD',
    balance: 1000,
    server_price: 20,
    getting_started_done: true,
    ...fields,
  });
}

export function job(id: number, fields: Partial<Job> & Pick<Job, 'server_id' | 'action'>): Job {
  return Job.parse({
    id,
    status: 'running',
    progress: 40,
    created: NOW.toISOString(),
    finished: null,
    error: null,
    ...fields,
  });
}

export function snapshot(fields: Partial<Snapshot> = {}): Snapshot {
  return { at: NOW, servers: [], clusters: [], account: account(), ...fields };
}

export interface RunOptions {
  history?: History;
  previous?: Record<string, Severity>;
  thresholds?: Thresholds;
}

export function run(snap: Snapshot, options: RunOptions = {}): Finding[] {
  return evaluate(
    snap,
    options.history ?? emptyHistory(),
    new Map(Object.entries(options.previous ?? {})),
    options.thresholds ?? DEFAULT_THRESHOLDS,
  );
}

export function findingsOf(rule: RuleId, snap: Snapshot, options: RunOptions = {}): Finding[] {
  return run(snap, options).filter((f) => f.rule === rule);
}

/** The one finding of a rule, failing the test when there is none or several. */
export function theFinding(rule: RuleId, snap: Snapshot, options: RunOptions = {}): Finding {
  const found = findingsOf(rule, snap, options);
  if (found.length !== 1) throw new Error(`expected one ${rule} finding, got ${found.length}`);
  return found[0]!;
}
