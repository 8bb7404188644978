import type { App } from '../app.js';
import type { Config } from '../config.js';
import type { Database } from '../store/database.js';
import type { RetryPolicy } from './delivery.js';
import { AlertDesk } from './desk.js';
import type { EngineSettings } from './engine.js';
import { RULE_IDS, type Severity } from './findings.js';
import { RuleHistory } from './history.js';
import { Outbox } from './outbox.js';
import { type FindingSource, Poller } from './poller.js';
import type { ChannelSender } from './sender.js';
import { parseThresholds, type Thresholds } from './thresholds.js';

export interface AlertsOptions {
  /** Default `config.alerts.pollIntervalMs` (ALERT_POLL_SECONDS). */
  pollIntervalMs?: number;
  now?: () => Date;
  /** Poll and deliver by themselves (default true); off, only `pollOnce`/`deliverOnce` move anything. */
  autoStart?: boolean;
  /** More findings judged on each poll's snapshot (Switchboard's SIP probes: src/probe/rules.ts). */
  findingSources?: readonly FindingSource[];
  /** Default: the rules' defaults, dates written in `config.timeZone`. */
  thresholds?: Thresholds;
  settings?: Partial<EngineSettings>;
  retry?: RetryPolicy;
  /** Failed polls in a row before "control plane unreachable" fires; default 3. */
  unreachableAfter?: number;
}

export interface RunningAlerts {
  /** One poll now (shared with one already running); its messages are then delivered when started. */
  pollOnce(): Promise<void>;
  /** One delivery pass over the outbox now. */
  deliverOnce(): Promise<void>;
  /** Stops polling and delivery, letting a poll or pass in flight finish. The database stays open. */
  stop(): Promise<void>;
  readonly desk: AlertDesk;
}

/** What the alerts need of the app. `alerts` is the app's desk, when it made one for the commands. */
export type AlertsApp = Pick<App, 'config' | 'log' | 'controlPlane' | 'db'> &
  Partial<Pick<App, 'metrics'>> & { alerts?: AlertDesk };

/** The desk the commands use (`CommandContext.alerts`): one per database, made with the app. */
export function createAlertDesk(app: { db: Database; config: Config }, now: () => Date = () => new Date()) {
  return new AlertDesk({ db: app.db, config: app.config, now });
}

function thresholdsFor(config: Config): Thresholds {
  const parsed = parseThresholds({ timeZone: config.timeZone });
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.thresholds;
}

const SEVERITIES: readonly Severity[] = ['info', 'warning', 'critical'];
const STOP_WAIT_MS = 5_000;

/**
 * Starts the alert poller and the outbox: every `pollIntervalMs` a poll (never two at once),
 * then delivery of what it wrote, with retries until delivered. Undelivered messages from
 * before a restart go out first.
 */
export function startAlerts(
  app: AlertsApp,
  senders: readonly ChannelSender[],
  options: AlertsOptions = {},
): RunningAlerts {
  const { config, log } = app;
  const now = options.now ?? (() => new Date());
  const desk =
    app.alerts ??
    new AlertDesk({ db: app.db, config, now, ...(options.settings ? { settings: options.settings } : {}) });
  const thresholds = options.thresholds ?? thresholdsFor(config);
  const pollIntervalMs = options.pollIntervalMs ?? config.alerts.pollIntervalMs;
  const alertLog = log.child({ part: 'alerts' });
  const outbox = new Outbox({
    repo: desk.store.outbox,
    senders,
    now,
    log: alertLog,
    ...(options.retry ? { policy: options.retry } : {}),
    onPass: ({ rows, oldestAgeMs }) => {
      app.metrics?.outboxDepth(rows);
      app.metrics?.outboxOldestAgeSeconds(oldestAgeMs / 1000);
    },
  });
  const poller = new Poller({
    controlPlane: app.controlPlane,
    store: desk.store,
    history: new RuleHistory(
      desk.store.alerts,
      thresholds,
      RuleHistory.usageSpacing(thresholds, pollIntervalMs),
    ),
    thresholds,
    settings: desk.settings,
    routes: () => desk.routes(),
    now,
    log: alertLog,
    timeZone: config.timeZone,
    ...(options.unreachableAfter ? { unreachableAfter: options.unreachableAfter } : {}),
    ...(options.findingSources ? { findingSources: options.findingSources } : {}),
    ...(config.alerts.digestAt ? { digest: { at: config.alerts.digestAt, timeZone: config.timeZone } } : {}),
  });

  function reportFiring(): void {
    if (!app.metrics) return;
    const counts = new Map<string, number>();
    for (const alert of desk.firing()) {
      const key = `${alert.rule}|${alert.severity}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    for (const rule of RULE_IDS) {
      for (const severity of SEVERITIES)
        app.metrics.alertsFiring(rule, severity, counts.get(`${rule}|${severity}`) ?? 0);
    }
  }

  async function pollOnce(): Promise<void> {
    await poller.pollOnce();
    reportFiring();
    outbox.kick();
  }

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  function tick(): void {
    const startedAt = now().getTime();
    inFlight = pollOnce()
      .catch((error: unknown) => alertLog.error({ err: error }, 'alert poll failed'))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(tick, Math.max(0, pollIntervalMs - (now().getTime() - startedAt)));
        timer.unref();
      });
  }

  const unlisten = desk.onChange(() => outbox.kick());
  if (options.autoStart ?? true) {
    outbox.start();
    tick();
  }

  return {
    desk,
    pollOnce,
    async deliverOnce() {
      await outbox.deliverOnce();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      unlisten();
      // A poll stuck on a silent control plane must not hold up a shutdown for long.
      await Promise.race([
        Promise.all([inFlight, outbox.stop()]),
        new Promise((resolve) => setTimeout(resolve, STOP_WAIT_MS).unref()),
      ]);
    },
  };
}
