import pino from 'pino';
import { AlertDesk } from '../../src/alerts/desk.js';
import type { DigestSchedule } from '../../src/alerts/digest.js';
import { RuleHistory } from '../../src/alerts/history.js';
import { Poller } from '../../src/alerts/poller.js';
import { DEFAULT_THRESHOLDS } from '../../src/alerts/thresholds.js';
import { loadConfig } from '../../src/config.js';
import { ControlPlaneClient } from '../../src/controlplane/client.js';
import type { RequestEvent } from '../../src/controlplane/http.js';
import type { ControlPlane } from '../../src/controlplane/port.js';
import { SimControl } from '../../src/controlplane/sim.js';
import { startEmbeddedControlPlane } from '../../src/embedded/server.js';
import type { Reply } from '../../src/render/reply.js';
import { type Database, openDatabase } from '../../src/store/database.js';
import { plain } from './engine-harness.js';

export const POLL_MS = 30_000;

/** A poller over `controlPlane` for the desk's store, as startAlerts makes one. */
export function pollerFor(
  desk: AlertDesk,
  controlPlane: ControlPlane,
  clock: { now: Date },
  digest?: DigestSchedule,
) {
  const history = new RuleHistory(desk.store.alerts, DEFAULT_THRESHOLDS, 15 * 60_000 - POLL_MS);
  const poller = new Poller({
    controlPlane,
    store: desk.store,
    history,
    thresholds: DEFAULT_THRESHOLDS,
    settings: desk.settings,
    routes: () => desk.routes(),
    now: () => clock.now,
    log: pino({ level: 'silent' }),
    timeZone: 'UTC',
    ...(digest ? { digest } : {}),
  });
  return { history, poller };
}

/**
 * The poller against the embedded control plane (demo fleet, clock stopped) over HTTP, with
 * no retries so a failing control plane fails a poll at once, its alert state in SQLite and
 * its clock in the test's hands.
 */
export async function startPollerRig(options: { digest?: DigestSchedule } = {}) {
  const cp = await startEmbeddedControlPlane({ dbPath: ':memory:', port: 0, clock: { running: false } });
  const auth = { username: cp.username, password: cp.password };
  const requests: RequestEvent[] = [];
  const client = new ControlPlaneClient({
    baseUrl: cp.url,
    auth,
    retries: 0,
    onRequest: (e) => requests.push(e),
  });
  const sim = new SimControl({ baseUrl: cp.url, auth, retries: 0 });
  const clock = { now: new Date(Math.floor(Date.now() / 60_000) * 60_000) };
  const db: Database = openDatabase(':memory:');
  const config = loadConfig({ TZ: 'UTC' });

  const build = () => {
    const desk = new AlertDesk({ db, config, now: () => clock.now });
    return { desk, ...pollerFor(desk, client, clock, options.digest) };
  };
  let parts = build();
  const servers = await client.listServers();
  const idOf = (alias: string) => servers.find((s) => s.alias === alias)!.id;

  return {
    cp,
    client,
    sim,
    clock,
    requests,
    idOf,
    db,
    get desk() {
      return parts.desk;
    },
    get poller() {
      return parts.poller;
    },
    get history() {
      return parts.history;
    },
    /** Advances the clock by one poll interval (or `ms`) and polls. */
    async poll(ms = POLL_MS) {
      clock.now = new Date(clock.now.getTime() + ms);
      return parts.poller.pollOnce();
    },
    /** A new desk, history and poller on the same database, as after a restart. */
    restart() {
      parts = build();
    },
    /** The outbox rows, as "post notice:x: <first line>". */
    outbox(): string[] {
      return parts.desk.store.outbox
        .all()
        .map((r) => `${r.kind} ${r.messageKey.split(':')[0]}: ${plain(r.reply as Reply).split('\n')[0]}`);
    },
    async close() {
      await client.close();
      await sim.close();
      await cp.close();
      if (db.open) db.close();
    },
  };
}

export type PollerRig = Awaited<ReturnType<typeof startPollerRig>>;
