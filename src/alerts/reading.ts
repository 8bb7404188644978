import { clusterCapacity } from '../domain/capacity.js';
import type { Server } from '../domain/schemas.js';
import { moneyText, numberText, percentText } from './format.js';
import type { Snapshot } from './snapshot.js';
import type { AlertRecord } from './state.js';

const share = (used: number, max: number) => (max > 0 ? percentText((100 * used) / max) : 'no limit');

function serverReading(alert: AlertRecord, server: Server): string | undefined {
  switch (alert.rule) {
    case 'capacity':
      return `${server.alias} back to ${share(server.channels, server.channels_max)}`;
    case 'cps':
      return `${server.alias} back to ${share(server.cps, server.cps_max)} of its CPS limit`;
    case 'health-latency':
      return server.sip_latency_ms === null
        ? `${server.alias} is ${server.status}`
        : `${server.alias} back to ${numberText(server.sip_latency_ms)} ms`;
    case 'health-status':
    case 'expired':
      return `${server.alias} is ${server.status}`;
    case 'health-stale':
      return server.stale
        ? `${server.alias} will take the update by itself`
        : `${server.alias} is up to date`;
    case 'expiry':
      return server.expires === null ? `${server.alias} is no longer in a test period` : undefined;
    default:
      return undefined;
  }
}

function clusterReading(alert: AlertRecord, snapshot: Snapshot, clusterId: number): string | undefined {
  const cluster = snapshot.clusters.find((c) => c.id === clusterId);
  if (!cluster) return undefined;
  const total = clusterCapacity(snapshot.servers.filter((s) => s.cluster_id === clusterId));
  if (alert.rule === 'cluster-capacity')
    return `${cluster.name} back to ${share(total.channels, total.channelsMax)}`;
  if (alert.rule === 'cluster-cps')
    return `${cluster.name} back to ${share(total.cps, total.cpsMax)} of its CPS limit`;
  return undefined;
}

/**
 * What the subject of a resolved alert reads now, for "Resolved after 42 min · ams-sw-1 back to
 * 64%"; undefined when there is nothing better to say than the alert's own title.
 */
export function readingOf(alert: AlertRecord, snapshot: Snapshot | undefined): string | undefined {
  if (alert.rule === 'controlplane-unreachable') return 'the control plane answers again';
  if (!snapshot) return undefined;
  const [kind, id] = alert.subject.split(':');
  if (kind === 'server') {
    const server = snapshot.servers.find((s) => String(s.id) === id);
    const name = alert.finding.server?.alias ?? alert.subject;
    return server ? serverReading(alert, server) : `${name} is no longer on the account`;
  }
  if (kind === 'cluster') return clusterReading(alert, snapshot, Number(id));
  const { balance, currency } = snapshot.account;
  if (alert.rule === 'topup') return `balance ${moneyText(balance, currency)}`;
  if (alert.rule === 'balance-deploy')
    return `balance ${moneyText(balance, currency)} covers a further deploy`;
  return undefined;
}
