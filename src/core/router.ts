import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import { ControlPlaneError } from '../controlplane/errors.js';
import { problem, type Reply } from '../render/reply.js';
import { bindArgs } from './bind.js';
import type { Catalog } from './catalog.js';
import type { Command, CommandContext, GuardedCommand } from './command.js';
import { echo } from './echo.js';
import { UserError } from './errors.js';
import type { Actor, Invocation, Responder } from './invocation.js';
import { suggestNearest } from './nearest.js';
import { tokenize } from './parse.js';
import { splitSecrets } from './secret-args.js';

/**
 * The approval flow, for commands of risk change or disruptive: plan, post the confirmation card,
 * store the pending request. Errors it throws are answered like a command's (UserError shown as is).
 */
export interface Guard {
  request(
    ctx: CommandContext,
    command: GuardedCommand,
    args: Record<string, unknown>,
    invocation: Invocation,
    responder: Responder,
  ): Promise<void>;
}

export interface RouterOptions {
  catalog: Catalog;
  /**
   * The services a command gets; `requestId` ties its control-plane calls to the log lines of this
   * request. The router adds the per-request parts (log, canRun, conversation).
   */
  context(actor: Actor, requestId: string): Omit<CommandContext, 'conversation'>;
  log: Logger;
  /** Without one, change and disruptive commands answer that changes are not enabled here. */
  guard?: Guard;
  /**
   * RBAC: whether the actor may run the command. `args` are given once bound (a guarded command
   * called read-only needs less); help calls it without. Absent: everyone may run everything.
   */
  canRun?(actor: Actor, command: Command, args?: Record<string, unknown>): boolean;
  /** The line a refused actor sees: what they lack and who can fix it. */
  refusal?(actor: Actor, command: Command, args: Record<string, unknown>): string;
  /** Told how each invocation ended (metrics); `command` is undefined when no command was found. */
  onOutcome?(command: string | undefined, outcome: CommandOutcome): void;
}

/**
 * How an invocation ended: answered, refused with a message (bad input, not allowed, not
 * possible), failed at the control plane, failed on a bug, or turned away during shutdown.
 */
export type CommandOutcome = 'ok' | 'refused' | 'control-plane-error' | 'error' | 'shutting-down';

export interface Router {
  /** Runs one invocation and answers it through `responder`. Never rejects. */
  handle(invocation: Invocation, responder: Responder): Promise<void>;
}

/** The router as the app holds it: it can stop taking invocations for a graceful shutdown. */
export interface DrainableRouter extends Router {
  /**
   * From now on answers every invocation with SHUTTING_DOWN, and waits up to `timeoutMs` for those
   * in flight; true when they all finished in time.
   */
  drain(timeoutMs: number): Promise<boolean>;
  readonly draining: boolean;
}

export const SHUTTING_DOWN = 'Switchboard is shutting down; try again in a minute.';

const HELP = 'help';

export const NOT_ENABLED =
  'Changes are not enabled on this surface: only read commands run here. Type /cx help to see them.';

/** Short enough to read out, unique enough to find in the log. */
const newRequestId = () => randomBytes(4).toString('hex');

function unknownCommand(words: readonly string[], names: readonly string[]): UserError {
  const [first = '', second] = words.map((word) => word.toLowerCase());
  const family = names.filter((name) => name.startsWith(`${first} `));
  if (family.length > 0 && second === undefined) {
    return new UserError(`"${first}" needs a second word: ${family.join(', ')}.`, `Type /cx help ${first}.`);
  }
  const typed = family.length > 0 ? `${first} ${second}` : first;
  const hint = suggestNearest(typed, family.length > 0 ? family : names);
  return new UserError(`Unknown command "${echo(typed)}".${hint} Type /cx help.`);
}

function outcomeOf(error: unknown): CommandOutcome {
  if (error instanceof UserError) return 'refused';
  if (error instanceof ControlPlaneError) return 'control-plane-error';
  return 'error';
}

/** Resolves true once `work` is empty (work added meanwhile included), false after `timeoutMs`. */
async function settledWithin(work: Set<Promise<void>>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const done = (async () => {
    while (work.size > 0) await Promise.allSettled([...work]);
    return true as const;
  })();
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

export function createRouter(options: RouterOptions): DrainableRouter {
  const { catalog, guard } = options;
  const allowed = (actor: Actor, command: Command, args?: Record<string, unknown>) =>
    options.canRun?.(actor, command, args) ?? true;

  function resolve(words: readonly string[], ctx: CommandContext): { command: Command; rest: string[] } {
    const found = catalog.resolve(words.length > 0 ? words : [HELP]);
    if (found) return found;
    ctx.log.info('unknown command');
    const visible = catalog.list().filter((command) => allowed(ctx.actor, command));
    throw unknownCommand(
      words,
      visible.map((command) => command.name),
    );
  }

  /** Binds, checks and runs; throws whatever the command throws. */
  async function run(
    command: Command,
    rest: readonly string[],
    ctx: CommandContext,
    invocation: Invocation,
    responder: Responder,
  ): Promise<void> {
    const { args, share } = bindArgs(command, rest, invocation.options);
    ctx.log.info({ command: command.name, args: splitSecrets(command, args).stored, share }, 'command');
    if (!allowed(ctx.actor, command, args)) {
      const line = options.refusal?.(ctx.actor, command, args) ?? `You may not run /cx ${command.name}.`;
      throw new UserError(line, 'Type /cx help to see the commands you can run.');
    }
    const answer = async (reply: Reply | undefined) => {
      if (reply) await responder.send({ ...reply, private: share ? false : (reply.private ?? true) });
    };
    if (command.risk === 'read') {
      await answer(await command.run(ctx, args));
    } else if (command.show && command.isReadOnly?.(args)) {
      await answer(await command.show(ctx, args));
    } else if (!guard) {
      await responder.send(problem(NOT_ENABLED));
    } else {
      await guard.request(ctx, command, args, invocation, responder);
    }
  }

  function failureReply(error: unknown, log: Logger, requestId: string, command?: Command): Reply {
    if (error instanceof UserError) {
      log.info({ problem: error.message }, 'refused');
      return problem(error.message, error.hint);
    }
    if (error instanceof ControlPlaneError) {
      log.warn({ kind: error.kind, status: error.status, problem: error.message }, 'control plane failed');
      return problem(error.message);
    }
    log.error({ err: error }, 'command failed');
    const what = command ? `/cx ${command.name}` : 'that command';
    return problem(`Something went wrong running ${what}; it has been logged (ref ${requestId}).`);
  }

  const report = (command: Command | undefined, outcome: CommandOutcome) => {
    try {
      options.onOutcome?.(command?.name, outcome);
    } catch {
      // A broken metrics hook must not cost the user their answer.
    }
  };

  async function serve(invocation: Invocation, responder: Responder): Promise<void> {
    const requestId = newRequestId();
    const { actor } = invocation;
    const log = options.log.child({ req: requestId, surface: actor.surface, user: actor.id });
    let command: Command | undefined;
    try {
      const ctx = {
        ...options.context(actor, requestId),
        log,
        canRun: (who: Actor, what: Command) => allowed(who, what),
        // Commands that answer by editing a card (confirm, cancel) need the gesture and the way back.
        conversation: { invocation, responder },
      };
      const found = resolve(tokenize(invocation.text), ctx);
      command = found.command;
      await run(found.command, found.rest, ctx, invocation, responder);
      report(command, 'ok');
    } catch (error) {
      report(command, outcomeOf(error));
      try {
        await responder.send(failureReply(error, log, requestId, command));
      } catch (undelivered) {
        log.error({ err: undelivered }, 'could not deliver the error reply');
      }
    }
  }

  /** Shutting down: the gesture is answered, nothing runs. */
  async function turnAway(invocation: Invocation, responder: Responder): Promise<void> {
    report(undefined, 'shutting-down');
    try {
      await responder.send(problem(SHUTTING_DOWN));
    } catch (undelivered) {
      options.log.warn(
        { err: undelivered, surface: invocation.actor.surface },
        'could not say we are shutting down',
      );
    }
  }

  const inFlight = new Set<Promise<void>>();
  let draining = false;

  return {
    async handle(invocation, responder) {
      if (draining) return turnAway(invocation, responder);
      const work = serve(invocation, responder);
      inFlight.add(work);
      try {
        await work;
      } finally {
        inFlight.delete(work);
      }
    },
    drain(timeoutMs) {
      draining = true;
      options.log.info(
        { inFlight: inFlight.size, timeoutMs },
        'shutting down: taking no new commands, finishing those in flight',
      );
      return settledWithin(inFlight, timeoutMs);
    },
    get draining() {
      return draining;
    },
  };
}
