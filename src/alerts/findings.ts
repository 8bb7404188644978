import { z } from 'zod';
import type { Cluster, Server } from '../domain/schemas.js';

/**
 * Every alert rule. A silence by rule names one of these; the engine keys its state by
 * `findingKey`. The rules produce all but `controlplane-unreachable`, which the poller raises, and
 * the `probe-` ones, which src/probe/rules.ts produces from Switchboard's own SIP probes.
 */
export const RULE_IDS = [
  'capacity',
  'cps',
  'cluster-capacity',
  'cluster-cps',
  'capacity-advice',
  'expiry',
  'expired',
  'topup',
  'balance-deploy',
  'health-status',
  'health-latency',
  'health-stale',
  'controlplane-unreachable',
  'probe-unreachable',
  'probe-latency',
] as const;
export const RuleId = z.enum(RULE_IDS);
export type RuleId = z.infer<typeof RuleId>;

/** One line per rule, for help texts and silence commands. */
export const RULE_SUMMARIES: Record<RuleId, string> = {
  capacity: "a server's channels in use against its maximum",
  cps: "an unclustered server's calls per second against its own limit",
  'cluster-capacity': "a cluster's combined channels against their combined maximum",
  'cluster-cps': "a cluster's calls per second against its shared limit",
  'capacity-advice': 'a server above the ConnexCS guidance (1,000 channels, 100 CPS, 50% load)',
  expiry: "a server's test period ending in 14, 7, 3 and 1 days",
  expired: 'a server whose status is expired',
  topup: 'the balance runs out within 7 days at the measured spending rate',
  'balance-deploy': 'the balance no longer covers a further deploy or a reactivation',
  'health-status': 'a server stopped, inactive or stuck in a job',
  'health-latency': 'SIP latency above the threshold',
  'health-stale': 'an update waiting while Auto Upgrade is off',
  'controlplane-unreachable': 'the control plane did not answer several polls in a row',
  'probe-unreachable': "an active server not answering Switchboard's own SIP OPTIONS probes",
  'probe-latency': "SIP latency of Switchboard's own probes (from outside) above the threshold",
};

export const Severity = z.enum(['info', 'warning', 'critical']);
export type Severity = z.infer<typeof Severity>;

export const ServerRef = z.object({ id: z.number().int(), alias: z.string(), ip: z.string() });
export const ClusterRef = z.object({ id: z.number().int(), name: z.string() });

/**
 * What a rule found: plain data, so the engine can store it and parse it back.
 * `lines` is the message body, specific enough to act on (figures, names, IPs, amounts).
 * A server finding carries its cluster too, so a silence of the cluster covers its servers.
 * `values.step` marks a stepped rule (expiry): each step is an alert of its own (see findingKey).
 */
export const Finding = z.object({
  rule: RuleId,
  subject: z.string().regex(/^(server:\d+|cluster:\d+|account|controlplane)$/),
  severity: Severity,
  title: z.string().min(1),
  lines: z.array(z.string()),
  server: ServerRef.optional(),
  cluster: ClusterRef.optional(),
  values: z.record(z.string(), z.number()).optional(),
});
export type Finding = z.infer<typeof Finding>;

/** The key of a rule on a subject, e.g. `capacity|server:12`: what hysteresis looks up. */
export function alertKey(rule: RuleId, subject: string): string {
  return `${rule}|${subject}`;
}

/**
 * The engine's state key. A stepped finding adds its step (`expiry|server:12|7`), so each step
 * posts its own message; the step before it stops holding, and shares `alertKey` with it.
 */
export function findingKey(finding: Finding): string {
  const base = alertKey(finding.rule, finding.subject);
  const step = finding.values?.step;
  return step === undefined ? base : `${base}|${step}`;
}

/** Who a finding is about: its subject key and the names to show. */
export type Subject = Pick<Finding, 'subject' | 'server' | 'cluster'>;

export function aboutServer(server: Server, clusters: readonly Cluster[]): Subject {
  return serverSubject(
    server,
    clusters.find((c) => c.id === server.cluster_id),
  );
}

/** `aboutServer` with its cluster already looked up (undefined: in none, or one not listed). */
export function serverSubject(server: Server, cluster: Cluster | undefined): Subject {
  return {
    subject: `server:${server.id}`,
    server: { id: server.id, alias: server.alias, ip: server.ip },
    ...(cluster ? { cluster: { id: cluster.id, name: cluster.name } } : {}),
  };
}

export function aboutCluster(cluster: Cluster): Subject {
  return { subject: `cluster:${cluster.id}`, cluster: { id: cluster.id, name: cluster.name } };
}
