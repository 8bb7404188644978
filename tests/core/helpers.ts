import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { ControlPlaneError } from '../../src/controlplane/errors.js';
import type { ControlPlane } from '../../src/controlplane/port.js';
import type { Catalog } from '../../src/core/catalog.js';
import type { CommandContext } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import { Fleet } from '../../src/core/fleet.js';
import type { Actor, Responder } from '../../src/core/invocation.js';
import { renderPlain } from '../../src/render/plain.js';
import type { Reply } from '../../src/render/reply.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/commands/', import.meta.url));
export const GOOD_COMMANDS = `${FIXTURES}good`;

export const UNREACHABLE = 'The control plane did not answer: connect ECONNREFUSED 127.0.0.1:9';

/** A control plane that is down: every call fails as the HTTP client fails when nothing listens. */
export function downControlPlane(): ControlPlane {
  return new Proxy({ baseUrl: 'http://127.0.0.1:9/api/cp/' } as ControlPlane, {
    get: (target, key) =>
      key in target
        ? target[key as keyof ControlPlane]
        : () => Promise.reject(new ControlPlaneError('network', UNREACHABLE)),
  });
}

/** A pino logger writing JSON lines into memory. */
export function memoryLogger() {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'debug' }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { log, lines };
}

export function contextFor(
  catalog: Catalog,
  log: pino.Logger,
): (actor: Actor) => Omit<CommandContext, 'conversation'> {
  const controlPlane = downControlPlane();
  return (actor) => ({
    actor,
    controlPlane,
    fleet: new Fleet(controlPlane),
    catalog,
    now: () => new Date('2024-05-06T09:00:00Z'),
    log,
  });
}

/** Keeps what the router sent and edited. */
export class RecordingResponder implements Responder {
  readonly sent: Reply[] = [];
  readonly edits: { ref: string; reply: Reply }[] = [];

  async send(reply: Reply): Promise<string> {
    this.sent.push(reply);
    return `m${this.sent.length}`;
  }

  async edit(ref: string, reply: Reply): Promise<void> {
    this.edits.push({ ref, reply });
  }
}

/** What a user reads of a reply. */
export const plain = (reply: Reply) => renderPlain(reply, { color: false });

/** The UserError `run` throws, as a user reads it. */
export function thrown(run: () => unknown): { message: string; hint?: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof UserError) return { message: error.message, hint: error.hint };
    throw error;
  }
  throw new Error('expected a UserError');
}

export const alice: Actor = { surface: 'console', id: 'alice', name: 'alice', roles: [] };
