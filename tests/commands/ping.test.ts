import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ping from '../../commands/ping.js';
import type { Server } from '../../src/domain/schemas.js';
import { SipProber } from '../../src/probe/prober.js';
import { startTestFleet, type TestFleet } from '../helpers/fleet.js';
import { type Sipp, sippMissing, startSipp } from '../probe/sipp.js';
import { buttonsOf, contextLines, fieldsOf, headerOf, rowsOf } from './reply-queries.js';

describe('ping without a prober', () => {
  let fleet: TestFleet;
  beforeAll(async () => {
    fleet = await startTestFleet({ commands: [ping] });
  });
  afterAll(async () => {
    await fleet?.close();
  });

  it('says it cannot ping, and where the control plane latency is', async () => {
    await expect(fleet.run('ping ams-sw-1')).rejects.toThrow('This Switchboard runs no SIP prober');
  });
});

const missing = sippMissing();
if (missing) console.warn(`skipping /cx ping against SIPp: ${missing}`);

/** ams-sw-1 of the demo fleet moves to 127.0.0.1, where SIPp answers as its SIP service. */
describe.skipIf(missing !== null)('ping, with SIPp standing in for ams-sw-1', () => {
  let answering: Sipp;
  let silent: Sipp;
  let prober: SipProber;
  let fleet: TestFleet;
  let amsSw1: Server;

  const setAmsSw1 = (fields: Record<string, unknown>) => fleet.sim(`server/${amsSw1.id}`, fields);

  beforeAll(async () => {
    [answering, silent] = await Promise.all([startSipp('options-200'), startSipp('options-silent')]);
    prober = new SipProber({
      log: pino({ level: 'silent' }),
      t1Ms: 50,
      timeoutMs: 300,
      bind: { ipv4: '127.0.0.1' },
    });
    fleet = await startTestFleet({ commands: [ping], probe: prober });
    amsSw1 = (await fleet.client.listServers()).find((s) => s.alias === 'ams-sw-1')!;
    await setAmsSw1({ ip: '127.0.0.1', sip_latency_ms: 4, icmp_latency_ms: 2 });
    await fleet.client.updateServer(amsSw1.id, { udp_ports: [answering.port] });
  });

  afterAll(async () => {
    await fleet?.close();
    await prober?.close();
    await Promise.all([answering?.stop(), silent?.stop()]);
  });

  it('shows the answer and round trip of one port, next to the control plane latency', async () => {
    const reply = await fleet.run(`ping ams-sw-1 ${answering.port}`);
    expect(reply.tone).toBe('success');
    expect(headerOf(reply)).toBe('📡 SIP OPTIONS from Switchboard · ams-sw-1 (127.0.0.1)');
    const [row, ...others] = rowsOf(reply);
    expect(others).toEqual([]);
    expect(row).toMatchObject({ PORT: `UDP ${answering.port}`, ANSWER: 'SIP/2.0 200 OK', SENT: '1' });
    expect(row!['ROUND TRIP']).toMatch(/^\d+(\.\d)? ms$/);
    expect(fieldsOf(reply)).toEqual({
      'Control plane (from inside)': 'SIP 4 ms · ICMP 2 ms',
      Status: '🟢 active',
    });
    expect(buttonsOf(reply)).toEqual({ 'Ping again': `/cx ping ams-sw-1 ${answering.port}` });
  });

  it('probes 5060 and every additional UDP port when no port is given', async () => {
    const reply = await fleet.run('ping 127.0.0.1');
    expect(reply.tone).toBe('warning');
    expect(rowsOf(reply)).toMatchObject([
      // Sent at 0, 50 and 150 ms; the next would go at 350 ms, after the 300 ms timeout.
      { PORT: 'UDP 5060', ANSWER: 'no answer', 'ROUND TRIP': 'gave up after 300 ms', SENT: '3' },
      { PORT: `UDP ${answering.port}`, ANSWER: 'SIP/2.0 200 OK' },
    ]);
  });

  it('reports a server that does not answer, although the control plane says it is active', async () => {
    const reply = await fleet.run(`ping ams-sw-1 ${silent.port}`);
    expect(reply.tone).toBe('danger');
    expect(rowsOf(reply)).toMatchObject([{ PORT: `UDP ${silent.port}`, ANSWER: 'no answer' }]);
    expect(contextLines(reply).join(' ')).toBe(
      `UDP ${silent.port} is not one of its SIP UDP ports (5060, ${answering.port}). ` +
        'The control plane says it is active, but it does not answer here: look at firewalls and routing between this network and the server.',
    );
  });

  it('says when no answer is expected', async () => {
    await setAmsSw1({ status: 'stopped' });
    try {
      const reply = await fleet.run(`ping ams-sw-1 ${silent.port}`);
      expect(contextLines(reply).join(' ')).toContain(
        'The control plane says it is stopped: it is not expected to answer.',
      );
    } finally {
      await setAmsSw1({ status: 'active' });
    }
  });

  it('refuses to ping a server that has no IP address yet', async () => {
    // A deploy gets its address when it is delivered, minutes later (the clock is stopped).
    await fleet.client.deployServer({ zone: 'Amsterdam', alias: 'ams-sw-new', type: 'switch' });
    await expect(fleet.run('ping ams-sw-new')).rejects.toThrow(
      'ams-sw-new has no IP address yet (it is deploying)',
    );
  });

  it('refuses a port out of range and an unknown server, saying what to type', async () => {
    await expect(fleet.run('ping ams-sw-1 70000')).rejects.toThrow('at most 65535');
    await expect(fleet.run('ping ams-sw-7')).rejects.toThrow('No server "ams-sw-7"');
  });

  it('keeps server addresses unique when the simulation sets one', async () => {
    const other = (await fleet.client.listServers()).find((s) => s.alias === 'ams-sw-2')!;
    await expect(fleet.sim(`server/${other.id}`, { ip: '127.0.0.1' })).rejects.toThrow('409');
    await expect(fleet.sim(`server/${other.id}`, { ip: 'not-an-ip' })).rejects.toThrow('400');
  });
});
