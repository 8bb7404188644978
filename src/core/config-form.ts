import { z } from 'zod';
import type { ControlPlane } from '../controlplane/port.js';
import { configViolations, failoverRefusal } from '../domain/config-rules.js';
import type { Cluster, Server } from '../domain/schemas.js';
import { clusterNamer, serverLabel } from '../render/server-views.js';
import { argMeta } from './args.js';
import { type ConfigKey, configArgs, configChange, PORT_LISTS, TOGGLES } from './config-change.js';
import { UserError } from './errors.js';
import { type Fleet, findServer } from './fleet.js';

/**
 * `/cx config <server>` as a form (a Slack modal): the current config as field values, and a
 * submission checked field by field with the rules the config command applies, so a surface can
 * show each problem next to the field that caused it. A valid submission becomes the invocations a
 * person would type: `config` with the changed keys, and `failover` when the failover changed.
 */

export type SwitchKey = keyof typeof TOGGLES | 'uac-ping';
export type PortKey = keyof typeof PORT_LISTS;
/** Every field of the form: the config keys, and the capacity failover (set by its own command). */
export type FormKey = ConfigKey | 'failover';

const isSwitchKey = (key: string): key is SwitchKey => Object.hasOwn(TOGGLES, key) || key === 'uac-ping';
const isPortKey = (key: string): key is PortKey => Object.hasOwn(PORT_LISTS, key);

/** The on/off keys, in the order the config command lists them. */
export const SWITCH_KEYS: readonly SwitchKey[] = Object.keys(configArgs.shape).filter(isSwitchKey);
export const PORT_KEYS: readonly PortKey[] = Object.keys(PORT_LISTS).filter(isPortKey);

/** The choice that clears a cluster or a failover, as the commands spell it. */
export const NONE = 'none';

/** The form's values as a person would type them; text fields are '' when unset. */
export const ConfigFormValues = z.object({
  fqdn: z.string(),
  /** A cluster name, or NONE. */
  cluster: z.string(),
  /** The IP of the switch new calls go to when this one is full, or NONE. */
  failover: z.string(),
  'uac-user': z.string(),
  /** Never pre-filled: '' keeps the password as it is. */
  'uac-password': z.string(),
  /** The switches that are on. */
  switches: z.array(z.enum(SWITCH_KEYS as [SwitchKey, ...SwitchKey[]])),
  'udp-ports': z.string(),
  'tcp-ports': z.string(),
  'tls-ports': z.string(),
});
export type ConfigFormValues = z.infer<typeof ConfigFormValues>;

export interface ConfigForm {
  server: Pick<Server, 'id' | 'alias' | 'ip' | 'type'>;
  values: ConfigFormValues;
  clusters: string[];
  /** Switches the server may fail over to (same cluster, not expired), plus the current target. */
  failoverTargets: { value: string; label: string }[];
}

export interface ConfigFormServices {
  fleet: Fleet;
  controlPlane: ControlPlane;
}

const FAILOVER_HELP =
  'Another switch of the same cluster takes new calls when this one is full; none rejects them';

/** What a field does, from the config command's own argument descriptions. */
export function formHelp(key: FormKey): string | undefined {
  if (key === 'failover') return FAILOVER_HELP;
  return argMeta(configArgs.shape[key]).description;
}

/** The fields a server's form holds: a dispatcher takes only a cluster. */
export function formKeys(server: Pick<Server, 'type'>): FormKey[] {
  if (server.type === 'dispatcher') return ['cluster'];
  return ['fqdn', 'cluster', 'failover', ...SWITCH_KEYS, 'uac-user', 'uac-password', ...PORT_KEYS];
}

export async function loadConfigForm(services: ConfigFormServices, serverRef: string): Promise<ConfigForm> {
  const [all, clusters] = await Promise.all([services.fleet.servers(), services.controlPlane.listClusters()]);
  const target = findServer(all, serverRef);
  const { id, alias, ip, type } = target;
  return {
    server: { id, alias, ip, type },
    values: currentValues(target, all, clusters),
    clusters: clusters.map((c) => c.name),
    failoverTargets: failoverTargets(target, all),
  };
}

function currentValues(
  target: Server,
  all: readonly Server[],
  clusters: readonly Cluster[],
): ConfigFormValues {
  const { config } = target;
  const on = (key: SwitchKey) => (key === 'uac-ping' ? !config.disable_uac_ping : config[TOGGLES[key]]);
  const ports = (key: PortKey) => config[PORT_LISTS[key]].join(', ');
  return {
    fqdn: config.fqdn ?? '',
    cluster: target.cluster_id === null ? NONE : clusterNamer(clusters)(target.cluster_id),
    failover: all.find((s) => s.id === config.capacity_failover_id)?.ip ?? NONE,
    'uac-user': config.uac_auth?.username ?? '',
    'uac-password': '',
    switches: SWITCH_KEYS.filter(on),
    'udp-ports': ports('udp-ports'),
    'tcp-ports': ports('tcp-ports'),
    'tls-ports': ports('tls-ports'),
  };
}

function failoverTargets(target: Server, all: readonly Server[]): ConfigForm['failoverTargets'] {
  const current = target.config.capacity_failover_id;
  return all
    .filter((s) => s.id === current || (failoverRefusal(target, s) === null && s.status !== 'expired'))
    .sort((a, b) => a.alias.localeCompare(b.alias))
    .map((s) => ({ value: s.ip, label: serverLabel(s) }));
}

// ---------------------------------------------------------------------------------------------
// Submission.

export type FormProblems = Partial<Record<FormKey, string>>;

/** One command to run for the submitter, as `Invocation.text` and `Invocation.options`. */
export interface FormInvocation {
  text: string;
  options: Record<string, unknown>;
}

export type FormOutcome = { ok: false; problems: FormProblems } | { ok: true; invocations: FormInvocation[] };

const words = (list: string) =>
  list
    .split(/[\s,]+/)
    .filter(Boolean)
    .join(',');

function changed(key: FormKey, before: ConfigFormValues, after: ConfigFormValues): boolean {
  if (isSwitchKey(key)) return before.switches.includes(key) !== after.switches.includes(key);
  if (key === 'uac-password') return after[key] !== '';
  if (isPortKey(key)) return words(before[key]) !== words(after[key]);
  return before[key].trim() !== after[key].trim();
}

/** The typed value of a config key, as `/cx config` takes it; empty text clears. */
function typedValue(key: ConfigKey, after: ConfigFormValues): unknown {
  if (isSwitchKey(key)) return after.switches.includes(key);
  if (key === 'uac-password') return after[key];
  return after[key].trim() || NONE;
}

interface Problem {
  key?: FormKey;
  message: string;
}

interface Live {
  target: Server;
  all: Server[];
  clusters: Cluster[];
}

const isConfigKey = (key: FormKey): key is ConfigKey => key !== 'failover';

function configInput(target: Server, after: ConfigFormValues, keys: readonly FormKey[]) {
  const input: Record<string, unknown> = { server: target.ip };
  for (const key of keys.filter(isConfigKey)) input[key] = typedValue(key, after);
  return input;
}

/**
 * Everything wrong with applying `keys` of `after` (only fields the server's form shows, so never a
 * switch of a dispatcher); a problem without a key is placed later.
 */
function problemsOf(live: Live, after: ConfigFormValues, keys: readonly FormKey[]): Problem[] {
  const { target } = live;
  const parsed = configArgs.safeParse(configInput(target, after, keys));
  if (!parsed.success) {
    // Values that do not even parse are the fields' own problems; the other fields are checked without them.
    const unreadable = parsed.error.issues.map((issue) => ({
      key: issue.path[0] as FormKey,
      message: issue.message,
    }));
    const readable = keys.filter((key) => !unreadable.some((p) => p.key === key));
    return [...unreadable, ...problemsOf(live, after, readable)];
  }
  const problems: Problem[] = [];
  if (keys.some(isConfigKey)) {
    try {
      const change = configChange(target, parsed.data, live.clusters);
      problems.push(...configViolations(change.after).map((message) => ({ message })));
      const broken = brokenFailover(live, change.clusterAfter);
      if (broken) problems.push({ key: 'cluster', message: broken });
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push({ message: error.message });
    }
  }
  if (keys.includes('failover')) {
    const problem = failoverProblem(live, after.failover, keys.includes('cluster'));
    if (problem) problems.push({ key: 'failover', message: problem });
  }
  return problems;
}

/**
 * A cluster move that leaves the current failover outside the cluster. The failover changes by its
 * own confirmation, so it has to be changed (and confirmed) before the move.
 */
function brokenFailover({ target, all }: Live, clusterAfter: number | null): string | undefined {
  const failover = all.find((s) => s.id === target.config.capacity_failover_id);
  if (!failover || clusterAfter === target.cluster_id) return undefined;
  const refusal = failoverRefusal({ ...target, cluster_id: clusterAfter }, failover);
  return refusal
    ? `Its capacity failover to ${failover.alias} would break (${refusal}): set failover to none, submit and confirm that first`
    : undefined;
}

function failoverProblem({ target, all }: Live, value: string, clusterMoves: boolean): string | undefined {
  if (clusterMoves)
    return 'Set the failover once the cluster move is confirmed: it must point inside the new cluster';
  if (value === NONE) return undefined;
  const chosen = all.find((s) => s.ip === value);
  if (!chosen) return 'That switch is no longer on the account: choose another';
  const refusal = failoverRefusal(target, chosen);
  if (refusal) return refusal;
  return chosen.status === 'expired' ? `${chosen.alias} has expired: reactivate it first` : undefined;
}

/**
 * The field a keyless problem belongs to: the first changed field without which it goes away
 * (turning WebRTC on without an FQDN is the switch's fault; clearing the FQDN under WebRTC, the FQDN's).
 */
function placeOf(problem: Problem, live: Live, after: ConfigFormValues, keys: readonly FormKey[]): FormKey {
  const culprit = keys.find(
    (key) =>
      !problemsOf(
        live,
        after,
        keys.filter((k) => k !== key),
      ).some((p) => p.message === problem.message),
  );
  return culprit ?? keys[0]!;
}

/** What `after` asks of the server's config, checked with today's fleet; `before` is what the form opened with. */
export async function checkConfigForm(
  services: ConfigFormServices,
  serverId: number,
  before: ConfigFormValues,
  after: ConfigFormValues,
): Promise<FormOutcome> {
  const [all, clusters] = await Promise.all([services.fleet.servers(), services.controlPlane.listClusters()]);
  const target = all.find((s) => s.id === serverId);
  if (!target) {
    throw new UserError(
      `Server #${serverId} is no longer on the account: nothing was changed.`,
      'Type /cx servers to list them.',
    );
  }
  const keys = formKeys(target).filter((key) => changed(key, before, after));
  if (keys.length === 0) {
    return {
      ok: false,
      problems: { [formKeys(target)[0]!]: 'Nothing changed: edit a field, or close the form' },
    };
  }
  const live = { target, all, clusters };
  const found = problemsOf(live, after, keys);
  if (found.length > 0) {
    const problems: FormProblems = {};
    for (const problem of found) {
      const key = problem.key ?? placeOf(problem, live, after, keys);
      problems[key] = problems[key] ? `${problems[key]}; ${problem.message}` : problem.message;
    }
    return { ok: false, problems };
  }
  const invocations: FormInvocation[] = [];
  if (keys.some(isConfigKey)) invocations.push({ text: 'config', options: configInput(target, after, keys) });
  if (keys.includes('failover')) {
    invocations.push({ text: 'failover', options: { server: target.ip, target: after.failover } });
  }
  return { ok: true, invocations };
}
