import { UserError } from '../core/errors.js';
import { findServer } from '../core/fleet.js';
import { didYouMean } from '../core/suggest.js';
import type { Cluster, Server } from '../domain/schemas.js';
import type { SilenceScope } from '../store/silences-repo.js';
import { RULE_IDS, RuleId } from './findings.js';
import { serverLabel } from './format.js';

export interface SilenceTarget {
  scope: SilenceScope;
  target: string | null;
  label: string;
}

export const SILENCE_TARGET_HINT =
  'Silence a server (IP, alias or id), a cluster by name, a rule (capacity, topup, health-status, …) or all; server:, cluster: and rule: say which when a name is both.';

const forServer = (server: Server): SilenceTarget => ({
  scope: 'server',
  target: String(server.id),
  label: serverLabel(server),
});
const forCluster = (cluster: Cluster): SilenceTarget => ({
  scope: 'cluster',
  target: String(cluster.id),
  label: `cluster ${cluster.name}`,
});

function clusterNamed(clusters: readonly Cluster[], name: string): Cluster | undefined {
  const wanted = name.toLowerCase();
  return clusters.find((c) => c.name.toLowerCase() === wanted || String(c.id) === wanted);
}

function ruleTarget(word: string): SilenceTarget {
  const rule = RuleId.safeParse(word.toLowerCase());
  if (!rule.success) {
    throw new UserError(`No rule "${word}".${didYouMean(word, RULE_IDS)}`, `Rules: ${RULE_IDS.join(', ')}.`);
  }
  return { scope: 'rule', target: rule.data, label: `rule ${rule.data}` };
}

function prefixed(kind: string, name: string, servers: readonly Server[], clusters: readonly Cluster[]) {
  if (kind === 'rule') return ruleTarget(name);
  if (kind === 'server') return forServer(findServer(servers, name));
  const cluster = clusterNamed(clusters, name);
  if (cluster) return forCluster(cluster);
  throw new UserError(
    `No cluster "${name}".${didYouMean(
      name,
      clusters.map((c) => c.name),
    )}`,
    'Type /cx clusters to list them.',
  );
}

/**
 * What a silence's first word names: `all`, a rule id, a cluster or a server. A word that names
 * both a cluster and a server is refused with the prefixed forms to type instead.
 */
export function silenceTarget(
  word: string,
  servers: readonly Server[],
  clusters: readonly Cluster[],
): SilenceTarget {
  const typed = word.trim();
  if (typed.toLowerCase() === 'all') return { scope: 'all', target: null, label: 'every alert' };
  const kind = /^(server|cluster|rule):(.+)$/i.exec(typed);
  if (kind) return prefixed(kind[1]!.toLowerCase(), kind[2]!, servers, clusters);
  if (RuleId.safeParse(typed.toLowerCase()).success) return ruleTarget(typed);
  const cluster = clusterNamed(clusters, typed);
  let server: Server | undefined;
  try {
    server = findServer(servers, typed);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
  }
  if (cluster && server) {
    throw new UserError(
      `"${typed}" names both a cluster and a server.`,
      `Type cluster:${typed} or server:${typed} instead.`,
    );
  }
  if (cluster) return forCluster(cluster);
  if (server) return forServer(server);
  const names = [
    ...servers.flatMap((s) => [s.alias, s.ip]),
    ...clusters.map((c) => c.name),
    ...RULE_IDS,
    'all',
  ];
  throw new UserError(
    `Nothing called "${typed}" to silence.${didYouMean(typed, names)}`,
    SILENCE_TARGET_HINT,
  );
}
