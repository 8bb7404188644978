import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Metrics } from './metrics.js';
import type { Readiness } from './readiness.js';

export interface OpsServerOptions {
  /** METRICS_HOST: 127.0.0.1 unless a scraper on another machine needs it. */
  host: string;
  /** METRICS_PORT; 0 picks a free port. */
  port: number;
  metrics: Metrics;
  ready: Readiness;
  log: Logger;
}

export interface OpsServer {
  /** e.g. http://127.0.0.1:9464 */
  url: string;
  close(): Promise<void>;
}

/** Listening failed; `message` says which setting to change, fit to print at start-up. */
export class OpsServerError extends Error {
  override readonly name = 'OpsServerError';
}

type Answer = { status: number; type: string; body: string };

const TEXT = 'text/plain; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';
const ALLOWED = 'GET, HEAD';

/** Liveness, readiness and metrics: what an orchestrator and a Prometheus scraper ask. */
async function answer(path: string, options: OpsServerOptions): Promise<Answer> {
  switch (path) {
    case '/healthz':
      return { status: 200, type: TEXT, body: 'ok\n' };
    case '/readyz': {
      const report = await options.ready.report();
      return { status: report.ready ? 200 : 503, type: JSON_TYPE, body: `${JSON.stringify(report)}\n` };
    }
    case '/metrics':
      return { status: 200, type: options.metrics.contentType, body: await options.metrics.expose() };
    default:
      return { status: 404, type: TEXT, body: 'Not found: try /healthz, /readyz or /metrics\n' };
  }
}

function listener(options: OpsServerOptions) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const method = req.method ?? 'GET';
    const reply = ({ status, type, body }: Answer, extra: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': type,
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
        ...extra,
      });
      res.end(method === 'HEAD' ? undefined : body);
    };
    if (method !== 'GET' && method !== 'HEAD') {
      reply({ status: 405, type: TEXT, body: `Use ${ALLOWED}\n` }, { allow: ALLOWED });
      return;
    }
    const path = new URL(req.url ?? '/', 'http://ops').pathname;
    answer(path, options).then(reply, (error: unknown) => {
      options.log.error({ err: error, path }, 'ops endpoint failed');
      reply({ status: 500, type: TEXT, body: 'Internal error; see the log\n' });
    });
  };
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): OpsServerError {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new OpsServerError(
        `cannot serve /metrics on ${where}: the port is in use (another Switchboard?); set METRICS_PORT to a free port`,
      );
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return new OpsServerError(
        `cannot serve /metrics on ${where}: ${host} is not an address of this machine; set METRICS_HOST to 127.0.0.1 or 0.0.0.0`,
      );
    case 'EACCES':
      return new OpsServerError(
        `cannot serve /metrics on ${where}: not allowed to listen there; set METRICS_PORT above 1023`,
      );
    default:
      return new OpsServerError(`cannot serve /metrics on ${where}: ${error.code ?? error.message}`);
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const failed = (error: NodeJS.ErrnoException) => reject(listenError(error, host, port));
    server.once('error', failed);
    server.listen(port, host, () => {
      server.off('error', failed);
      resolve();
    });
  });
}

/** Serves /healthz, /readyz and /metrics over plain HTTP on `host:port`. */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  options.metrics.includeProcessMetrics();
  const server = createServer({ requestTimeout: 10_000, keepAliveTimeout: 5_000 }, listener(options));
  await listen(server, options.host, options.port);
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    close() {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
