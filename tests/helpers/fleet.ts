import pino from 'pino';
import balance from '../../commands/balance.js';
import clusters from '../../commands/clusters.js';
import jobs from '../../commands/jobs.js';
import rtp from '../../commands/rtp.js';
import server from '../../commands/server.js';
import servers from '../../commands/servers.js';
import zones from '../../commands/zones.js';
import type { AlertDesk } from '../../src/alerts/desk.js';
import { loadConfig } from '../../src/config.js';
import { ControlPlaneClient } from '../../src/controlplane/client.js';
import { Approvals } from '../../src/core/approvals.js';
import { bindArgs } from '../../src/core/bind.js';
import { Catalog } from '../../src/core/catalog.js';
import type { Command, CommandContext } from '../../src/core/command.js';
import { Fleet } from '../../src/core/fleet.js';
import type { Actor } from '../../src/core/invocation.js';
import { tokenize } from '../../src/core/parse.js';
import { startEmbeddedControlPlane } from '../../src/embedded/server.js';
import type { Prober } from '../../src/probe/types.js';
import type { Reply } from '../../src/render/reply.js';
import { ApprovalsRepo } from '../../src/store/approvals-repo.js';
import { AuditRepo } from '../../src/store/audit-repo.js';
import { openDatabase } from '../../src/store/database.js';

/** The read commands of the fleet: the catalog a test fleet answers with. */
export const FLEET_COMMANDS: readonly Command[] = [servers, server, clusters, rtp, zones, balance, jobs];

export const TESTER: Actor = { surface: 'console', id: 'tester', name: 'tester', roles: [] };

export interface TestFleet {
  cp: Awaited<ReturnType<typeof startEmbeddedControlPlane>>;
  client: ControlPlaneClient;
  catalog: Catalog;
  context(actor?: Actor): CommandContext;
  /** POST `_sim/<path>` on the embedded control plane; throws unless it answers 2xx. */
  sim(path: string, body: unknown): Promise<void>;
  /** Types a read command line ("/cx servers --page 2", or a button's line) and returns its reply. */
  run(line: string, actor?: Actor): Promise<Reply>;
  close(): Promise<void>;
}

/**
 * The embedded control plane (demo fleet, clock stopped so values set through `_sim` stay as set)
 * on 127.0.0.1:0, reached over HTTP by the real client. `commands` joins the fleet commands in the
 * catalog, for replies that offer buttons only for commands the catalog has; `seed: 'empty'` is a
 * brand-new account (no servers, no balance, Getting Started not done). `probe` (the caller's, closed
 * by the caller) is what `/cx ping` probes with; `alerts` (the caller's, on its own database) is
 * what the alert commands act on.
 */
export async function startTestFleet(
  options: {
    commands?: readonly Command[];
    seed?: 'demo' | 'empty';
    probe?: Prober;
    alerts?: AlertDesk;
  } = {},
): Promise<TestFleet> {
  const cp = await startEmbeddedControlPlane({
    dbPath: ':memory:',
    port: 0,
    clock: { running: false },
    seed: options.seed ?? 'demo',
  });
  const client = new ControlPlaneClient({
    baseUrl: cp.url,
    auth: { username: cp.username, password: cp.password },
  });
  const catalog = new Catalog([...FLEET_COMMANDS, ...(options.commands ?? [])]);
  const fleet = new Fleet(client);
  const log = pino({ level: 'silent' });
  const authorization = `Basic ${Buffer.from(`${cp.username}:${cp.password}`).toString('base64')}`;

  const db = openDatabase(':memory:');
  const audit = new AuditRepo(db);
  const { access } = loadConfig({});
  const approvals = new Approvals({
    repo: new ApprovalsRepo(db),
    audit,
    catalog,
    policy: { access, fourEyes: access.fourEyes, ttlMs: access.approvalTtlMs },
    now: () => new Date(),
    log,
    follow: { intervalMs: 10, timeoutMs: 1_000 },
  });
  const unanswered = {
    invocation: { actor: TESTER, text: '' },
    responder: {
      send: async () => {
        throw new Error('this test context answers through return values only');
      },
      edit: async () => {
        throw new Error('this test context answers through return values only');
      },
    },
  };

  const context = (actor: Actor = TESTER): CommandContext => ({
    actor,
    controlPlane: client,
    fleet,
    catalog,
    now: () => new Date(),
    log,
    approvals,
    audit,
    conversation: { ...unanswered, invocation: { actor, text: '' } },
    probe: options.probe,
    alerts: options.alerts,
  });

  async function sim(path: string, body: unknown): Promise<void> {
    const url = new URL(`_sim/${path.replace(/^\/?(_sim\/)?/, '')}`, cp.url);
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`POST ${url.pathname} answered ${response.status}: ${await response.text()}`);
  }

  async function run(line: string, actor: Actor = TESTER): Promise<Reply> {
    const found = catalog.resolve(tokenize(line));
    if (!found) throw new Error(`no command in "${line}"`);
    if (found.command.risk !== 'read') throw new Error(`"${found.command.name}" is not a read command`);
    const { args } = bindArgs(found.command, found.rest);
    const reply = await found.command.run(context(actor), args);
    if (!reply) throw new Error(`"${found.command.name}" answered nothing`);
    return reply;
  }

  return {
    cp,
    client,
    catalog,
    context,
    sim,
    run,
    async close() {
      await client.close();
      await cp.close();
      db.close();
    },
  };
}
