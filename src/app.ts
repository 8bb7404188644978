import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Logger } from 'pino';
import type { AlertDesk } from './alerts/desk.js';
import { createAlertDesk } from './alerts/start.js';
import type { Config } from './config.js';
import { ControlPlaneClient, type ControlPlaneClientOptions } from './controlplane/client.js';
import type { RequestEvent } from './controlplane/http.js';
import { Approvals, type CardEditor } from './core/approvals.js';
import type { Catalog } from './core/catalog.js';
import type { CommandContext } from './core/command.js';
import { Fleet } from './core/fleet.js';
import type { Surface } from './core/invocation.js';
import { DEFAULT_FOLLOW, type FollowOptions } from './core/job-follower.js';
import { loadCatalog } from './core/loader.js';
import { type AccessPolicy, canRun, refusal, requiredRole } from './core/rbac.js';
import { createRouter, type Router } from './core/router.js';
import { type EmbeddedControlPlane, startEmbeddedControlPlane } from './embedded/server.js';
import { ControlPlaneHealth } from './ops/controlplane-health.js';
import { Metrics } from './ops/metrics.js';
import { Readiness } from './ops/readiness.js';
import { refuseSimulated } from './probe/simulated-targets.js';
import { type Probing, startProbing } from './probe/start.js';
import { ApprovalsRepo } from './store/approvals-repo.js';
import { AuditRepo } from './store/audit-repo.js';
import { type Database, openDatabase } from './store/database.js';

export interface AppOptions {
  log: Logger;
  now?: () => Date;
  follow?: FollowOptions;
  /** The embedded control plane's clock (tests stop it); default: running in real time. */
  embeddedClock?: { running: boolean; speed?: number };
  /** How often expired requests are swept; default 30 s. */
  sweepMs?: number;
  /** Timeouts, retries and backoff of the control-plane client (tests shorten them); default the client's. */
  controlPlaneClient?: Pick<ControlPlaneClientOptions, 'timeouts' | 'retries' | 'backoff'>;
  /** How long close() lets commands in flight finish; default 10 s. */
  drainMs?: number;
}

/** Everything a surface needs, composed once from the configuration: one code path for every surface. */
export interface App {
  config: Config;
  log: Logger;
  catalog: Catalog;
  router: Router;
  approvals: Approvals;
  controlPlane: ControlPlaneClient;
  fleet: Fleet;
  db: Database;
  /** Served on /metrics; platforms, alerts and the outbox report through its typed methods. */
  metrics: Metrics;
  /** Served on /readyz; each surface registers its own check (`ready.register('slack', () => connected)`). */
  ready: Readiness;
  /** Firing alerts, silences, subscriptions: what the alert commands and the poller share. */
  alerts: AlertDesk;
  /** SIP OPTIONS probes of the fleet from outside (`/cx ping`, and rounds when PROBE_SECONDS is set). */
  probing: Probing;
  /** Set when Switchboard started its own control plane. */
  embedded?: EmbeddedControlPlane;
  /** Lets a surface edit cards it posted (the expiry sweep edits them without a click). */
  registerEditor(surface: Surface, editor: CardEditor): void;
  close(): Promise<void>;
}

async function connectControlPlane(
  config: Config,
  options: AppOptions,
  onRequest: (event: RequestEvent) => void,
) {
  const settings = config.controlPlane;
  const tuning = { ...options.controlPlaneClient, onRequest };
  if (settings.mode === 'remote') {
    const auth =
      settings.auth.kind === 'bearer'
        ? { token: settings.auth.token }
        : { username: settings.auth.username, password: settings.auth.password };
    return {
      client: new ControlPlaneClient({ baseUrl: settings.url, auth, ...tuning }),
      embedded: undefined,
    };
  }
  const embedded = await startEmbeddedControlPlane({
    dbPath: join(config.dataDir, 'control-plane.db'),
    username: 'switchboard',
    password: randomBytes(18).toString('base64url'),
    ...(options.embeddedClock ? { clock: options.embeddedClock } : {}),
  });
  const client = new ControlPlaneClient({
    baseUrl: embedded.url,
    auth: { username: embedded.username, password: embedded.password },
    ...tuning,
  });
  return { client, embedded };
}

export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { log } = options;
  const now = options.now ?? (() => new Date());
  const db = openDatabase(config.databasePath);
  const catalog = await loadCatalog();
  const metrics = new Metrics();
  const planeHealth = new ControlPlaneHealth();
  const onRequest = (event: RequestEvent) => {
    metrics.controlPlaneRequest(event);
    planeHealth.observe(event);
  };
  const { client, embedded } = await connectControlPlane(config, options, onRequest).catch(
    (error: unknown) => {
      db.close();
      throw error;
    },
  );
  const fleet = new Fleet(client);
  const audit = new AuditRepo(db);
  const alerts = createAlertDesk({ db, config }, now);
  const probing = startProbing({
    intervalMs: config.probeIntervalMs,
    servers: () => fleet.servers(),
    log,
    ...(embedded ? { prober: { refuse: refuseSimulated } } : {}),
  });
  const policy: AccessPolicy = config.access;
  const editors: Partial<Record<Surface, CardEditor>> = {};
  const approvals = new Approvals({
    repo: new ApprovalsRepo(db),
    audit,
    catalog,
    policy: { access: policy, fourEyes: config.access.fourEyes, ttlMs: config.access.approvalTtlMs },
    now,
    log,
    follow: options.follow ?? DEFAULT_FOLLOW,
    editors,
    onStep: (step) => metrics.approval(step),
  });
  const router = createRouter({
    catalog,
    log,
    guard: approvals,
    context: (actor): Omit<CommandContext, 'conversation'> => ({
      actor,
      controlPlane: client,
      fleet,
      catalog,
      now,
      log,
      approvals,
      audit,
      alerts,
      probe: probing.prober,
    }),
    canRun: (actor, command, args) => canRun(actor, command, policy, args),
    refusal: (actor, command, args) => refusal(actor, requiredRole(command, args), policy),
    onOutcome: (command, outcome) => metrics.command(command, outcome),
  });
  const ready = new Readiness();
  ready.register('store', () => db.open);
  ready.register('control-plane', () => planeHealth.check(() => client.getAccount()));
  ready.register('commands', () => !router.draining);
  const sweeper = setInterval(() => {
    approvals.sweepExpired().catch((error: unknown) => log.error({ err: error }, 'expiry sweep failed'));
  }, options.sweepMs ?? 30_000);
  sweeper.unref();

  return {
    config,
    log,
    catalog,
    router,
    approvals,
    controlPlane: client,
    fleet,
    db,
    metrics,
    ready,
    alerts,
    probing,
    ...(embedded ? { embedded } : {}),
    registerEditor(surface, editor) {
      editors[surface] = editor;
    },
    async close() {
      const drained = await router.drain(options.drainMs ?? 10_000);
      if (!drained) log.warn('shutting down with commands still running');
      clearInterval(sweeper);
      await Promise.race([approvals.settled(), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
      await probing.close();
      await client.close();
      await embedded?.close();
      db.close();
    },
  };
}
