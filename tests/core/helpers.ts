import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { loadConfig } from '../../src/config.js';
import { ControlPlaneError } from '../../src/controlplane/errors.js';
import type { ControlPlane } from '../../src/controlplane/port.js';
import { Approvals } from '../../src/core/approvals.js';
import type { Catalog } from '../../src/core/catalog.js';
import type { CommandContext } from '../../src/core/command.js';
import { UserError } from '../../src/core/errors.js';
import { Fleet } from '../../src/core/fleet.js';
import type { Actor, Responder } from '../../src/core/invocation.js';
import { loadCatalog } from '../../src/core/loader.js';
import { renderPlain } from '../../src/render/plain.js';
import type { Reply } from '../../src/render/reply.js';
import { ApprovalsRepo } from '../../src/store/approvals-repo.js';
import { AuditRepo } from '../../src/store/audit-repo.js';
import { openDatabase } from '../../src/store/database.js';

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

export interface FixtureServices {
  catalog: Catalog;
  /** The router's `context` option, logging to `log`. */
  contextFor(log: pino.Logger): (actor: Actor) => Omit<CommandContext, 'conversation'>;
  close(): void;
}

/** The fixture commands, with the services a context holds; the control plane is down. */
export async function fixtureServices(): Promise<FixtureServices> {
  const catalog = await loadCatalog(GOOD_COMMANDS);
  const controlPlane = downControlPlane();
  const fleet = new Fleet(controlPlane);
  const db = openDatabase(':memory:');
  const audit = new AuditRepo(db);
  const now = () => new Date('2024-05-06T09:00:00Z');
  const log = pino({ level: 'silent' });
  const { access } = loadConfig({});
  const approvals = new Approvals({
    repo: new ApprovalsRepo(db),
    audit,
    catalog,
    policy: { access, fourEyes: access.fourEyes, ttlMs: access.approvalTtlMs },
    now,
    log,
    follow: { intervalMs: 10, timeoutMs: 1_000 },
  });
  return {
    catalog,
    contextFor: (commandLog) => (actor) => ({
      actor,
      controlPlane,
      fleet,
      catalog,
      now,
      log: commandLog,
      approvals,
      audit,
    }),
    close: () => db.close(),
  };
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
