import { type Principal, parsePrincipal } from '../config.js';
import type { AnyArgs, Command } from './command.js';
import type { Actor } from './invocation.js';

/**
 * Who may do what. Three roles, each implying the one before: a viewer reads, an operator also
 * requests changes, an approver also confirms them. People are named by principals, parsed from
 * the environment by src/config.ts; groups (Slack user groups, Discord roles) match `actor.roles`.
 */

export type Role = 'viewer' | 'operator' | 'approver';

export const ROLE_VARIABLES = {
  viewer: 'SWITCHBOARD_VIEWERS',
  operator: 'SWITCHBOARD_OPERATORS',
  approver: 'SWITCHBOARD_APPROVERS',
} as const satisfies Record<Role, string>;

/** The role lists, as `Config['access']` holds them. */
export interface AccessPolicy {
  viewers: readonly Principal[];
  operators: readonly Principal[];
  approvers: readonly Principal[];
}

/** A comma-separated principal list; throws one line per bad entry, each naming `variable`. */
export function parsePrincipals(list: string, variable = 'principal list'): Principal[] {
  const parsed = list
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
    .map(parsePrincipal);
  const wrong = parsed.filter((p): p is string => typeof p === 'string');
  if (wrong.length > 0) throw new Error(wrong.map((message) => `${variable}: ${message}`).join('\n'));
  return parsed as Principal[];
}

/**
 * No role variable set (every list at its default: viewers `*`, nobody else): the console is a
 * local, trusted terminal, so every console user is an approver.
 */
export function consoleTrusted(policy: AccessPolicy): boolean {
  const [onlyViewer, ...more] = policy.viewers;
  return (
    onlyViewer?.kind === 'anyone' &&
    more.length === 0 &&
    policy.operators.length === 0 &&
    policy.approvers.length === 0
  );
}

export const CONSOLE_TRUST_NOTICE =
  'No role variables set (SWITCHBOARD_VIEWERS, SWITCHBOARD_OPERATORS, SWITCHBOARD_APPROVERS): every console user is an approver, as this is a local, trusted terminal.';

/** The line the console prints at start-up, when there is one. */
export function startupNotice(policy: AccessPolicy): string | undefined {
  return consoleTrusted(policy) ? CONSOLE_TRUST_NOTICE : undefined;
}

function matches(principal: Principal, actor: Actor): boolean {
  if (principal.kind === 'anyone') return true;
  if (principal.surface !== actor.surface) return false;
  return principal.kind === 'group' ? actor.roles.includes(principal.id) : actor.id === principal.id;
}

const listed = (principals: readonly Principal[], actor: Actor) => principals.some((p) => matches(p, actor));

export function rolesOf(actor: Actor, policy: AccessPolicy): Set<Role> {
  const approver = (actor.surface === 'console' && consoleTrusted(policy)) || listed(policy.approvers, actor);
  const operator = approver || listed(policy.operators, actor);
  const viewer = operator || listed(policy.viewers, actor);
  const roles = new Set<Role>();
  if (viewer) roles.add('viewer');
  if (operator) roles.add('operator');
  if (approver) roles.add('approver');
  return roles;
}

export function hasRole(actor: Actor, role: Role, policy: AccessPolicy): boolean {
  return rolesOf(actor, policy).has(role);
}

/**
 * The role a call needs: a read needs a viewer, a change an operator (who requests it; confirming
 * it needs an approver). A guarded command called read-only (`config <server>`) needs a viewer.
 */
export function requiredRole<A extends AnyArgs>(command: Command<A>, args?: unknown): Role {
  if (command.risk === 'read') return 'viewer';
  if (args !== undefined && command.isReadOnly?.(args as never)) return 'viewer';
  return 'operator';
}

export function canRun<A extends AnyArgs>(
  actor: Actor,
  command: Command<A>,
  policy: AccessPolicy,
  args?: unknown,
) {
  return hasRole(actor, requiredRole(command, args), policy);
}

/** The actor's own principal, as an admin would add it to a role variable. */
export function principalOf(actor: Actor): string {
  return `${actor.surface}:${actor.id}`;
}

const ARTICLE: Record<Role, string> = {
  viewer: 'a viewer',
  operator: 'an operator',
  approver: 'an approver',
};

/** What nobody can do while a role has no one in it (approvers count as operators). */
function vacancy(role: Role, policy: AccessPolicy): string | undefined {
  if (role === 'operator' && policy.operators.length === 0 && policy.approvers.length === 0) {
    return 'Nobody can change anything yet';
  }
  if (role === 'approver' && policy.approvers.length === 0) return 'Nobody can confirm a change yet';
  return undefined;
}

/** Why the actor may not act in `role`, and which variable an admin must set: fit to show the actor. */
export function refusal(actor: Actor, role: Role, policy: AccessPolicy): string {
  const variable = ROLE_VARIABLES[role];
  const fix = `Ask an admin to add ${principalOf(actor)} to ${variable}.`;
  const nobody = vacancy(role, policy);
  return nobody ? `${nobody}: ${variable} is not set. ${fix}` : `You are not ${ARTICLE[role]}. ${fix}`;
}
