import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { SimControl } from '../../src/controlplane/sim.js';
import type { Server } from '../../src/domain/schemas.js';
import type { ProbeHistory } from '../../src/probe/history.js';
import { probeFindingSource } from '../../src/probe/rules.js';
import { type ProbeSchedule, startProbeSchedule } from '../../src/probe/schedule.js';
import { type Probing, startProbing } from '../../src/probe/start.js';
import { ProbeThresholds } from '../../src/probe/thresholds.js';
import { type Sipp, sippMissing, startSipp } from './sipp.js';

const silent = pino({ level: 'silent' });

/** Resolves once `rounds` rounds have ended, failing after `withinMs`. */
function roundsSeen(count: number, withinMs: number) {
  const seen: ProbeHistory[] = [];
  let done!: () => void;
  const reached = new Promise<void>((resolve) => {
    done = resolve;
  });
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () => reject(new Error(`fewer than ${count} probe rounds within ${withinMs} ms`)),
      withinMs,
    ).unref(),
  );
  return {
    seen,
    onRound(history: ProbeHistory) {
      seen.push(history);
      if (seen.length === count) done();
    },
    wait: () => Promise.race([reached, timeout]),
  };
}

describe('startProbeSchedule', () => {
  let schedule: ProbeSchedule | undefined;

  afterEach(async () => {
    await schedule?.stop();
    schedule = undefined;
  });

  it('skips a round whose server list cannot be read, and keeps going', async () => {
    const logged: string[] = [];
    const log = pino(
      new Writable({
        write(chunk, _encoding, next) {
          logged.push(String(chunk));
          next();
        },
      }),
    );
    let calls = 0;
    const rounds = roundsSeen(1, 5_000);
    const nobodyProbed = { probe: () => Promise.reject(new Error('no server should be probed')) };
    schedule = startProbeSchedule({
      prober: nobodyProbed,
      servers: async () => {
        calls++;
        if (calls === 1) throw new Error('control plane down');
        return [];
      },
      intervalMs: 10,
      log,
      onRound: rounds.onRound,
    });
    await rounds.wait();
    expect(calls).toBe(2);
    expect(rounds.seen[0]!.size).toBe(0);
    expect(logged.join('')).toContain('SIP probe round skipped: the server list could not be read');
  });

  it('is not started by startProbing when PROBE_SECONDS is 0, which keeps the prober for /cx ping', async () => {
    const config = loadConfig({ PROBE_SECONDS: '0' });
    const servers = () => Promise.reject(new Error('nothing is scheduled, so nobody lists servers'));
    const probing = startProbing({ intervalMs: config.probeIntervalMs, servers, log: silent });
    expect(probing.scheduled).toBe(false);
    expect(probing.history.size).toBe(0);
    expect(await probing.prober.probe({ host: 'not-an-ip', port: 5060 })).toMatchObject({ outcome: 'error' });
    await probing.close();
  });

  it('refuses an interval of 0 (PROBE_SECONDS=0 means: do not start it)', () => {
    const prober = { probe: () => Promise.reject(new Error('unused')) };
    expect(() => startProbeSchedule({ prober, servers: async () => [], intervalMs: 0, log: silent })).toThrow(
      RangeError,
    );
  });
});

const missing = sippMissing();
if (missing) console.warn(`skipping the scheduled probes against SIPp: ${missing}`);

describe.skipIf(missing !== null)('scheduled probes of the fleet, with SIPp standing in for a switch', () => {
  let dataDir: string;
  let app: App;
  let sim: SimControl;
  let sipp: Sipp;
  let probing: Probing;

  beforeAll(async () => {
    sipp = await startSipp('options-200');
    dataDir = mkdtempSync(join(tmpdir(), 'switchboard-probe-'));
    const config = loadConfig({ SWITCHBOARD_DATA_DIR: dataDir, PROBE_SECONDS: '1' });
    app = await createApp(config, { log: silent, embeddedClock: { running: false } });
    const { url, username, password } = app.embedded!;
    sim = new SimControl({ baseUrl: url, auth: { username, password } });
    // Every server moves to a loopback address, so no probe leaves this machine. Only
    // 127.0.0.1 has a SIP peer (SIPp, on ams-sw-1's additional UDP port).
    const servers = await app.fleet.servers();
    for (const [i, server] of servers.entries()) {
      await sim.setServer(server.id, { ip: server.alias === 'ams-sw-1' ? '127.0.0.1' : `127.0.0.${i + 2}` });
    }
    const amsSw1 = servers.find((s) => s.alias === 'ams-sw-1')!;
    await app.controlPlane.updateServer(amsSw1.id, { udp_ports: [sipp.port] });
    // As the app starts it (see the report), with quick timeouts and a loopback socket.
    const rounds = roundsSeen(2, 10_000);
    probing = startProbing({
      intervalMs: config.probeIntervalMs,
      servers: () => app.fleet.servers(),
      log: silent,
      prober: { t1Ms: 50, timeoutMs: 300, bind: { ipv4: '127.0.0.1' } },
      onRound: rounds.onRound,
    });
    await rounds.wait();
  });

  afterAll(async () => {
    await probing?.close();
    await sim?.close();
    await app?.close();
    await sipp?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const byAlias = async (alias: string): Promise<Server> =>
    (await app.fleet.servers()).find((s) => s.alias === alias)!;

  it('probes each active server on 5060 and its additional UDP ports, every PROBE_SECONDS', async () => {
    expect(probing.scheduled).toBe(true);
    const amsSw1 = await byAlias('ams-sw-1');
    const ports = probing.history.get(amsSw1.id)!;
    expect([...ports.keys()]).toEqual([5060, sipp.port]);
    expect(ports.get(sipp.port)!.map((s) => s.result)).toMatchObject([
      { outcome: 'answered', statusLine: 'SIP/2.0 200 OK' },
      { outcome: 'answered', statusLine: 'SIP/2.0 200 OK' },
    ]);
    expect(ports.get(5060)!.map((s) => s.result.outcome)).toEqual(['timeout', 'timeout']);
  });

  it('leaves out servers the control plane does not call active', async () => {
    const expired = await byAlias('sgp-sw-9');
    expect(expired.status).toBe('expired');
    expect(probing.history.has(expired.id)).toBe(false);
  });

  it('feeds the probe rules: a silent port, a silent server', async () => {
    const servers = await app.fleet.servers();
    const clusters = await app.controlPlane.listClusters();
    const thresholds = ProbeThresholds.parse({
      window: 2,
      misses: { warning: { enter: 1, exit: 1 }, critical: { enter: 2, exit: 2 } },
    });
    const found = probeFindingSource(probing, thresholds)({ servers, clusters }, new Map());
    const titles = found.filter((f) => f.rule === 'probe-unreachable').map((f) => f.title);
    expect(titles).toContain('ams-sw-1 (127.0.0.1) does not answer SIP from outside on UDP 5060');
    const amsSw2 = await byAlias('ams-sw-2');
    expect(titles).toContain(`ams-sw-2 (${amsSw2.ip}) does not answer SIP from outside`);
    expect(found.find((f) => f.server?.alias === 'ams-sw-1')?.cluster?.name).toBe('eu-core');
  });
});
