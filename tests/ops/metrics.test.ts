import { describe, expect, it } from 'vitest';
import { Metrics, routeOf } from '../../src/ops/metrics.js';
import { metric } from './exposition.js';

describe('Metrics', () => {
  it('counts commands by name and outcome, and names a missing command "unknown"', async () => {
    const metrics = new Metrics();
    metrics.command('servers', 'ok');
    metrics.command('servers', 'ok');
    metrics.command('restart', 'refused');
    metrics.command(undefined, 'refused');
    const text = await metrics.expose();
    expect(metric(text, 'switchboard_commands_total', { command: 'servers', outcome: 'ok' })).toBe(2);
    expect(metric(text, 'switchboard_commands_total', { command: 'restart', outcome: 'refused' })).toBe(1);
    expect(metric(text, 'switchboard_commands_total', { command: 'unknown', outcome: 'refused' })).toBe(1);
  });

  it('counts approval steps by event and outcome', async () => {
    const metrics = new Metrics();
    metrics.approval({ event: 'request', outcome: 'pending' });
    metrics.approval({ event: 'refuse', outcome: 'four-eyes' });
    metrics.approval({ event: 'result', outcome: 'failed' });
    const text = await metrics.expose();
    expect(metric(text, 'switchboard_approvals_total', { event: 'refuse', outcome: 'four-eyes' })).toBe(1);
    expect(metric(text, 'switchboard_approvals_total', { event: 'result', outcome: 'failed' })).toBe(1);
  });

  it('times control-plane attempts per route and counts the failed ones by status', async () => {
    const metrics = new Metrics();
    metrics.controlPlaneRequest({ method: 'GET', path: 'setup/server/12', status: 200, ms: 30, attempt: 1 });
    metrics.controlPlaneRequest({
      method: 'GET',
      path: 'setup/server/7',
      status: 200,
      ms: 3_000,
      attempt: 1,
    });
    metrics.controlPlaneRequest({
      method: 'POST',
      path: 'setup/server/7/action',
      status: 500,
      ms: 12,
      attempt: 1,
      error: 'boom',
    });
    metrics.controlPlaneRequest({
      method: 'GET',
      path: 'setup/server',
      status: 0,
      ms: 400,
      attempt: 2,
      error: 'timeout',
    });
    const text = await metrics.expose();
    const seconds = 'switchboard_controlplane_request_duration_seconds';
    expect(metric(text, `${seconds}_count`, { method: 'GET', route: 'setup/server/:id' })).toBe(2);
    expect(metric(text, `${seconds}_sum`, { method: 'GET', route: 'setup/server/:id' })).toBeCloseTo(3.03);
    expect(metric(text, `${seconds}_bucket`, { method: 'GET', route: 'setup/server/:id', le: '0.05' })).toBe(
      1,
    );
    expect(metric(text, `${seconds}_count`, { method: 'POST', route: 'setup/server/:id/action' })).toBe(1);
    expect(metric(text, 'switchboard_controlplane_errors_total', { method: 'POST', status: '500' })).toBe(1);
    expect(metric(text, 'switchboard_controlplane_errors_total', { method: 'GET', status: '0' })).toBe(1);
    expect(
      metric(text, 'switchboard_controlplane_errors_total', { method: 'GET', status: '200' }),
    ).toBeUndefined();
  });

  it('holds what the alerts, the outbox and the platforms report', async () => {
    const metrics = new Metrics();
    metrics.alertsFiring('capacity', 'warning', 3);
    metrics.alertsFiring('capacity', 'warning', 1);
    metrics.alertsFiring('expiry', 'critical', 2);
    metrics.outboxDepth(4);
    metrics.outboxOldestAgeSeconds(95);
    metrics.platformRetry('slack');
    metrics.platformRetry('slack');
    metrics.platformRetry('discord');
    const text = await metrics.expose();
    expect(metric(text, 'switchboard_alerts_firing', { rule: 'capacity', severity: 'warning' })).toBe(1);
    expect(metric(text, 'switchboard_alerts_firing', { rule: 'expiry', severity: 'critical' })).toBe(2);
    expect(metric(text, 'switchboard_outbox_depth')).toBe(4);
    expect(metric(text, 'switchboard_outbox_oldest_age_seconds')).toBe(95);
    expect(metric(text, 'switchboard_platform_retries_total', { surface: 'slack' })).toBe(2);
    expect(metric(text, 'switchboard_platform_retries_total', { surface: 'discord' })).toBe(1);
  });

  it('keeps each instance apart, so many apps (and tests) can live in one process', async () => {
    const first = new Metrics();
    const second = new Metrics();
    first.command('servers', 'ok');
    expect(metric(await first.expose(), 'switchboard_commands_total', { command: 'servers' })).toBe(1);
    expect(
      metric(await second.expose(), 'switchboard_commands_total', { command: 'servers' }),
    ).toBeUndefined();
  });

  it('adds the process metrics once, when asked', async () => {
    const metrics = new Metrics();
    expect(await metrics.expose()).not.toContain('process_cpu_seconds_total');
    metrics.includeProcessMetrics();
    metrics.includeProcessMetrics();
    const text = await metrics.expose();
    expect(metric(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(metrics.contentType).toMatch(/^text\/plain; version=0\.0\.4/);
  });
});

describe('routeOf', () => {
  it.each([
    ['setup/server', 'setup/server'],
    ['setup/server/12', 'setup/server/:id'],
    ['setup/server/12/member/40', 'setup/server/:id/member/:id'],
    ['setup/job/5012', 'setup/job/:id'],
    ['auth/jwt', 'auth/jwt'],
    ['setup/server/12a', 'setup/server/12a'],
  ])('%s → %s', (path, route) => {
    expect(routeOf(path)).toBe(route);
  });
});
