import clusterCreate from '../../commands/cluster-create.js';
import config from '../../commands/config.js';
import deploy from '../../commands/deploy.js';
import failover from '../../commands/failover.js';
import flush from '../../commands/flush.js';
import install from '../../commands/install.js';
import lbAdd from '../../commands/lb-add.js';
import lbRemove from '../../commands/lb-remove.js';
import osCycle from '../../commands/os-cycle.js';
import powerCycle from '../../commands/power-cycle.js';
import reactivate from '../../commands/reactivate.js';
import restart from '../../commands/restart.js';
import start from '../../commands/start.js';
import stop from '../../commands/stop.js';
import { bindArgs } from '../../src/core/bind.js';
import type { CommandContext, GuardedCommand, Outcome, Plan } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import { tokenize } from '../../src/core/parse.js';
import type { Server } from '../../src/domain/schemas.js';
import type { Reply } from '../../src/render/reply.js';
import { startTestFleet, type TestFleet } from '../helpers/fleet.js';
import { textOf } from './reply-queries.js';

/** Drives the guarded commands the way the flow will: bind the typed line, plan, then execute. */

export const GUARDED_COMMANDS = [
  install,
  start,
  stop,
  restart,
  osCycle,
  powerCycle,
  reactivate,
  flush,
  deploy,
  config,
  failover,
  lbAdd,
  lbRemove,
  clusterCreate,
] as const;

export const DISRUPTIVE_ACTIONS = [install, start, stop, restart, osCycle, powerCycle] as const;

export interface GuardedFleet extends TestFleet {
  /** The command a line names, with its arguments bound as the router binds them. */
  bind(line: string): { command: GuardedCommand; args: Record<string, unknown> };
  plan(line: string, ctx?: CommandContext): Promise<Plan>;
  execute(line: string, ctx?: CommandContext): Promise<Outcome>;
  /** The read view of a read-only call (`config <server>`). */
  show(line: string): Promise<Reply>;
  /** The server with this alias, as the control plane has it now. */
  server(alias: string): Promise<Server>;
}

export async function startGuardedFleet(): Promise<GuardedFleet> {
  const fleet = await startTestFleet({ commands: GUARDED_COMMANDS });
  const bind = (line: string) => {
    const found = fleet.catalog.resolve(tokenize(line));
    if (!found || found.command.risk === 'read') throw new Error(`no guarded command in "${line}"`);
    return { command: found.command, args: bindArgs(found.command, found.rest).args };
  };
  return {
    ...fleet,
    bind,
    plan(line, ctx = fleet.context()) {
      const { command, args } = bind(line);
      return command.plan(ctx, args);
    },
    execute(line, ctx = fleet.context()) {
      const { command, args } = bind(line);
      return command.execute(ctx, args);
    },
    show(line) {
      const { command, args } = bind(line);
      if (!command.isReadOnly?.(args) || !command.show) throw new Error(`"${line}" is not a read-only call`);
      return command.show(fleet.context(), args);
    },
    async server(alias) {
      const found = (await fleet.client.listServers()).find((s) => s.alias === alias);
      if (!found) throw new Error(`no server ${alias} on the test fleet`);
      return found;
    },
  };
}

/** Everything a card says: its title and every block, one a line. */
export const planText = (plan: Plan): string =>
  `${plan.title}\n${textOf({ tone: 'neutral', blocks: plan.blocks })}`;

export const outcomeText = (outcome: Outcome): string =>
  textOf({ tone: outcome.tone, blocks: outcome.blocks });

/** The UserError a call is refused with; fails when it succeeds or throws anything else. */
export async function refusalOf(call: Promise<unknown> | (() => unknown)): Promise<UserError> {
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (error) {
    if (error instanceof UserError) return error;
    throw error;
  }
  throw new Error('expected a UserError, the call was accepted');
}
