import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { RequestEvent } from '../controlplane/http.js';
import type { Surface } from '../core/invocation.js';
import type { CommandOutcome } from '../core/router.js';

/** What an audit step of the approval flow is called (`request`, `confirm`, ...) and how it ended. */
export interface ApprovalStep {
  event: string;
  outcome: string;
}

/** Label value for an invocation whose words named no command: raw text never becomes a label. */
export const UNKNOWN_COMMAND = 'unknown';

/** Seconds: from a fast local read to a control plane at the end of its timeouts. */
const CONTROL_PLANE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** `setup/server/12/action` → `setup/server/:id/action`: one series per route, not per record. */
export function routeOf(path: string): string {
  return path.replace(/\/\d+(?=\/|$)/g, '/:id');
}

/**
 * Every Prometheus metric Switchboard exposes, each behind a typed method, in a registry of its
 * own (never prom-client's global one), so each app, and each test, has separate counts.
 */
export class Metrics {
  readonly registry = new Registry();
  private processMetrics = false;

  private readonly commands = new Counter({
    name: 'switchboard_commands_total',
    help: 'Invocations handled, by command name and outcome',
    labelNames: ['command', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly approvals = new Counter({
    name: 'switchboard_approvals_total',
    help: 'Steps of guarded requests (request, confirm, refuse, cancel, expire, execute, result), by outcome',
    labelNames: ['event', 'outcome'] as const,
    registers: [this.registry],
  });

  private readonly controlPlaneSeconds = new Histogram({
    name: 'switchboard_controlplane_request_duration_seconds',
    help: 'Control-plane HTTP attempts (each retry counts), by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: CONTROL_PLANE_BUCKETS,
    registers: [this.registry],
  });

  private readonly controlPlaneErrors = new Counter({
    name: 'switchboard_controlplane_errors_total',
    help: 'Control-plane HTTP attempts that failed, by method and status (0: no answer: down, reset or timed out)',
    labelNames: ['method', 'status'] as const,
    registers: [this.registry],
  });

  private readonly firing = new Gauge({
    name: 'switchboard_alerts_firing',
    help: 'Alerts firing now, by rule and severity',
    labelNames: ['rule', 'severity'] as const,
    registers: [this.registry],
  });

  private readonly outboxRows = new Gauge({
    name: 'switchboard_outbox_depth',
    help: 'Alert messages waiting in the outbox to be delivered',
    registers: [this.registry],
  });

  private readonly outboxAge = new Gauge({
    name: 'switchboard_outbox_oldest_age_seconds',
    help: 'Age of the oldest undelivered outbox message; 0 when the outbox is empty',
    registers: [this.registry],
  });

  private readonly retries = new Counter({
    name: 'switchboard_platform_retries_total',
    help: 'Slack and Discord API calls tried again (rate limits, 5xx, network), by surface',
    labelNames: ['surface'] as const,
    registers: [this.registry],
  });

  /** Called by the router once per invocation; `command` is undefined when no command was found. */
  command(command: string | undefined, outcome: CommandOutcome): void {
    this.commands.inc({ command: command ?? UNKNOWN_COMMAND, outcome });
  }

  /** Called by the approval flow for each step it writes to the audit log. */
  approval({ event, outcome }: ApprovalStep): void {
    this.approvals.inc({ event, outcome });
  }

  /** The ControlPlaneClient's `onRequest` hook: one call per HTTP attempt. */
  controlPlaneRequest(event: RequestEvent): void {
    this.controlPlaneSeconds.observe({ method: event.method, route: routeOf(event.path) }, event.ms / 1000);
    if (event.error !== undefined) {
      this.controlPlaneErrors.inc({ method: event.method, status: String(event.status) });
    }
  }

  /** How many alerts of `rule` at `severity` fire now (0 once they resolved). */
  alertsFiring(rule: string, severity: string, count: number): void {
    this.firing.set({ rule, severity }, count);
  }

  outboxDepth(rows: number): void {
    this.outboxRows.set(rows);
  }

  outboxOldestAgeSeconds(seconds: number): void {
    this.outboxAge.set(seconds);
  }

  /** A platform API call about to be tried again. */
  platformRetry(surface: Exclude<Surface, 'console'>): void {
    this.retries.inc({ surface });
  }

  /**
   * Adds the standard process metrics (CPU, memory, event-loop lag, GC). Only a registry that is
   * served needs them, and each call starts event-loop and GC observers, so it is done once.
   */
  includeProcessMetrics(): void {
    if (this.processMetrics) return;
    this.processMetrics = true;
    collectDefaultMetrics({ register: this.registry });
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of every metric. */
  expose(): Promise<string> {
    return this.registry.metrics();
  }
}
