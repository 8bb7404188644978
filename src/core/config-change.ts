import { z } from 'zod';
import { type EffectiveConfig, effectiveConfig } from '../domain/config-rules.js';
import type { Cluster, Server, ServerUpdate } from '../domain/schemas.js';
import { pickName } from '../render/name-match.js';
import { clusterNamer } from '../render/server-views.js';
import { cannot } from './actions.js';
import { bool, cluster, secret, server, text } from './args.js';

/**
 * The keys of `/cx config`, as people type them, and what they do to a server's config. The
 * user-facing keys are positive (`uac-ping=on` means disable_uac_ping=false).
 */

const CLEAR_WORDS = ['none', '-'];
const PORT_LIST_HELP =
  'must be port numbers separated by commas, e.g. 5070,5080 (empty or "none" clears them)';

/** "5070,5080" or "5070 5080"; empty or "none" is no extra port. Ranges and clashes are config rules, checked later. */
const portList = (description: string) =>
  z
    .preprocess(
      (value) => {
        if (typeof value === 'number') return [value];
        if (typeof value !== 'string') return value;
        const words = value.split(/[\s,]+/).filter((w) => w !== '');
        if (words.length === 1 && CLEAR_WORDS.includes(words[0]!.toLowerCase())) return [];
        return words.map((w) => (/^\d+$/.test(w) ? Number(w) : w));
      },
      z.array(z.number({ error: PORT_LIST_HELP }).int(PORT_LIST_HELP), { error: PORT_LIST_HELP }),
    )
    .describe(description)
    .optional();

const toggle = (description: string) => bool(description).optional();

export const configArgs = z.object({
  server: server('The server: IP, alias or id'),
  fqdn: text('Fully qualified domain name, e.g. sip.example.com ("none" clears it)', 253).optional(),
  cluster: cluster('Cluster to join ("none" leaves its cluster)').optional(),
  'uac-user': text(
    'UAC auth username for registering with carriers ("none" turns UAC auth off)',
    100,
  ).optional(),
  'uac-password': secret('UAC auth password: never shown, logged or stored').optional(),
  webrtc: toggle('WebRTC (needs an FQDN and a certificate)'),
  tls: toggle('TLS (needs an FQDN and a certificate)'),
  'tls-internals': toggle('TLS end to end, for high-security setups (needs tls)'),
  'auto-upgrade': toggle('Apply waiting updates when the server is at zero channels'),
  'uac-ping': toggle('Ping registered UACs for latency details'),
  'location-sharing': toggle('Share UAC locations with other servers (unnecessary inside a cluster)'),
  'us-eu': toggle('Serviced by the US zone, failing over to EU'),
  'udp-ports': portList('Additional UDP ports, e.g. 5070,5080'),
  'tcp-ports': portList('Additional TCP ports'),
  'tls-ports': portList('Additional TLS ports'),
  'tcp-sip-trace': toggle('SIP traces over TCP: every trace kept, may slow packets under heavy load'),
  anyreg: toggle('The experimental AnyReg registrar'),
});
export type ConfigArgs = z.infer<typeof configArgs>;
export type ConfigKey = Exclude<keyof ConfigArgs, 'server'>;

/** The on/off keys and the config field each sets (`uac-ping` is the inverse of disable_uac_ping). */
export const TOGGLES = {
  webrtc: 'webrtc',
  tls: 'tls',
  'tls-internals': 'tls_internals',
  'auto-upgrade': 'auto_upgrade',
  'location-sharing': 'uac_location_sharing',
  'us-eu': 'us_eu',
  'tcp-sip-trace': 'tcp_sip_trace',
  anyreg: 'anyreg',
} as const satisfies Partial<Record<ConfigKey, keyof EffectiveConfig>>;

/** The extra-port keys and the config field each sets. */
export const PORT_LISTS = {
  'udp-ports': 'udp_ports',
  'tcp-ports': 'tcp_ports',
  'tls-ports': 'tls_ports',
} as const satisfies Partial<Record<ConfigKey, keyof EffectiveConfig>>;

/** `config <server>` with no key: show the config, change nothing. */
export function asksNoChange(input: ConfigArgs): boolean {
  return Object.entries(input).every(([key, value]) => key === 'server' || value === undefined);
}

const onOff = (on: boolean) => (on ? 'on' : 'off');
const portsText = (ports: readonly number[]) => (ports.length > 0 ? ports.join(', ') : 'none');
const clears = (value: string) => CLEAR_WORDS.includes(value.trim().toLowerCase());

/** One line of the card: a key whose value changes. The password's row never holds the password. */
export interface ChangeRow {
  key: ConfigKey;
  now: string;
  next: string;
}

export interface ConfigChange {
  before: EffectiveConfig;
  after: EffectiveConfig;
  /** Cluster the server ends up in. */
  clusterAfter: number | null;
  /** The request body: only what changes. Holds the UAC password, so it stays in memory. */
  update: ServerUpdate;
  rows: ChangeRow[];
  /** Keys given that already had the asked value. */
  unchanged: ConfigKey[];
}

/** The cluster id the `cluster` key names: null for "none", undefined when not given. */
function clusterAsked(input: ConfigArgs, clusters: readonly Cluster[]): number | null | undefined {
  if (input.cluster === undefined) return undefined;
  if (clears(input.cluster)) return null;
  const name = pickName(
    'cluster',
    input.cluster,
    clusters.map((c) => c.name),
    'Type /cx clusters to see them.',
  );
  return clusters.find((c) => c.name === name)!.id;
}

/** Applies the typed keys to the server's current config: what the rules and the card look at. */
export function configChange(target: Server, input: ConfigArgs, clusters: readonly Cluster[]): ConfigChange {
  const before = effectiveConfig(target);
  const change: ConfigChange = {
    before,
    after: { ...before },
    clusterAfter: target.cluster_id,
    update: {},
    rows: [],
    unchanged: [],
  };
  const note: Note = (key, now, next, apply) => {
    if (now === next) {
      change.unchanged.push(key);
      return;
    }
    change.rows.push({ key, now, next });
    apply?.();
  };
  const { after, update } = change;

  if (input.fqdn !== undefined) {
    const fqdn = clears(input.fqdn) ? null : input.fqdn.toLowerCase();
    note('fqdn', before.fqdn ?? 'not set', fqdn ?? 'not set', () => {
      after.fqdn = fqdn;
      update.fqdn = fqdn;
    });
  }
  const clusterId = clusterAsked(input, clusters);
  if (clusterId !== undefined) {
    const name = (id: number | null) => (id === null ? 'none' : clusterNamer(clusters)(id));
    note('cluster', name(target.cluster_id), name(clusterId), () => {
      change.clusterAfter = clusterId;
      update.cluster_id = clusterId;
    });
  }
  applyUacAuth(target, input, change, note);
  for (const [key, field] of Object.entries(TOGGLES) as [
    keyof typeof TOGGLES,
    (typeof TOGGLES)[keyof typeof TOGGLES],
  ][]) {
    const on = input[key];
    if (on === undefined) continue;
    note(key, onOff(before[field]), onOff(on), () => {
      after[field] = on;
      update[field] = on;
    });
  }
  const ping = input['uac-ping'];
  if (ping !== undefined) {
    note('uac-ping', onOff(!before.disable_uac_ping), onOff(ping), () => {
      after.disable_uac_ping = !ping;
      update.disable_uac_ping = !ping;
    });
  }
  for (const [key, field] of Object.entries(PORT_LISTS) as [
    keyof typeof PORT_LISTS,
    (typeof PORT_LISTS)[keyof typeof PORT_LISTS],
  ][]) {
    const ports = input[key];
    if (ports === undefined) continue;
    note(key, portsText(before[field]), portsText(ports), () => {
      after[field] = ports;
      update[field] = ports;
    });
  }
  return change;
}

/** Records a key's row (or that it already had the value) and applies it when it changes. */
type Note = (key: ConfigKey, now: string, next: string, apply?: () => void) => void;

/**
 * UAC auth travels as username and password together (the password is never read back), so a new
 * username needs the password again, and a new password reuses the username already set.
 */
function applyUacAuth(target: Server, input: ConfigArgs, change: ConfigChange, note: Note) {
  const user = input['uac-user'];
  const password = input['uac-password'];
  if (user === undefined && password === undefined) return;
  const what = `change the UAC auth of ${target.alias}`;
  const current = target.config.uac_auth;

  if (user !== undefined && clears(user)) {
    if (password !== undefined)
      throw cannot(what, 'uac-user=none turns UAC auth off, so uac-password has no use');
    note('uac-user', current?.username ?? 'off', 'off', () => {
      change.after.uac_user = null;
      change.update.uac_auth = null;
    });
    return;
  }
  if (password === undefined) {
    throw cannot(
      what,
      'uac-user needs uac-password too: the password is never read back, so it is sent again with the username',
      `e.g. /cx config ${target.alias} uac-user=${user} uac-password=...`,
    );
  }
  const username = user ?? current?.username;
  if (username === undefined) {
    throw cannot(
      what,
      `${target.alias} has no UAC username yet`,
      `Give one with it: /cx config ${target.alias} uac-user=<name> uac-password=...`,
    );
  }
  if (user !== undefined) note('uac-user', current?.username ?? 'off', username);
  change.rows.push({
    key: 'uac-password',
    now: current?.password_set ? 'set' : 'not set',
    next: 'new password (not shown)',
  });
  change.after.uac_user = username;
  change.update.uac_auth = { username, password };
}
