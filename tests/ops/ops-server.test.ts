import { createServer } from 'node:net';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Metrics } from '../../src/ops/metrics.js';
import { Readiness } from '../../src/ops/readiness.js';
import { type OpsServer, OpsServerError, startOpsServer } from '../../src/ops/server.js';
import { metric } from './exposition.js';

const log = pino({ level: 'silent' });
const servers: OpsServer[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function serve(ready = new Readiness(), metrics = new Metrics()) {
  const server = await startOpsServer({ host: '127.0.0.1', port: 0, metrics, ready, log });
  servers.push(server);
  return { server, ready, metrics };
}

describe('the ops server', () => {
  it('answers /healthz while the process runs', async () => {
    const { server } = await serve();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('ok\n');
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('answers /readyz 200 when every check passes and 503 naming the one that does not', async () => {
    const ready = new Readiness();
    let slack = true;
    ready.register('store', () => true);
    ready.register('slack', () => slack);
    const { server } = await serve(ready);

    const ok = await fetch(`${server.url}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ready: true, checks: { store: true, slack: true } });

    slack = false;
    const down = await fetch(`${server.url}/readyz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ ready: false, checks: { store: true, slack: false } });
  });

  it('serves /metrics in the Prometheus text format, process metrics included', async () => {
    const metrics = new Metrics();
    metrics.command('servers', 'ok');
    const { server } = await serve(new Readiness(), metrics);
    const response = await fetch(`${server.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(metric(text, 'switchboard_commands_total', { command: 'servers', outcome: 'ok' })).toBe(1);
    expect(text).toContain('# TYPE switchboard_controlplane_request_duration_seconds histogram');
    expect(metric(text, 'process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('answers HEAD without a body, refuses other methods and unknown paths', async () => {
    const { server } = await serve();
    const head = await fetch(`${server.url}/healthz`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    const post = await fetch(`${server.url}/metrics`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const unknown = await fetch(`${server.url}/admin`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('/healthz, /readyz or /metrics');
  });

  it('says which setting to change when the port is taken', async () => {
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    const { port } = squatter.address() as { port: number };
    try {
      const failure = startOpsServer({
        host: '127.0.0.1',
        port,
        metrics: new Metrics(),
        ready: new Readiness(),
        log,
      });
      await expect(failure).rejects.toBeInstanceOf(OpsServerError);
      await expect(failure).rejects.toThrow(
        `cannot serve /metrics on 127.0.0.1:${port}: the port is in use (another Switchboard?); set METRICS_PORT to a free port`,
      );
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('says which setting to change when the host is not of this machine', async () => {
    const failure = startOpsServer({
      host: '192.0.2.1',
      port: 0,
      metrics: new Metrics(),
      ready: new Readiness(),
      log,
    });
    await expect(failure).rejects.toThrow(/192\.0\.2\.1 is not an address of this machine; set METRICS_HOST/);
  });
});
