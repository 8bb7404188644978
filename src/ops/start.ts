import type { App } from '../app.js';
import { type OpsServer, startOpsServer } from './server.js';

/**
 * What main.ts calls once the app is composed: /healthz, /readyz and /metrics on METRICS_HOST:
 * METRICS_PORT. Throws OpsServerError (a line fit for stderr) when it cannot listen.
 */
export function startOps(app: Pick<App, 'config' | 'metrics' | 'ready' | 'log'>): Promise<OpsServer> {
  const { host, port } = app.config.metrics;
  return startOpsServer({ host, port, metrics: app.metrics, ready: app.ready, log: app.log });
}
