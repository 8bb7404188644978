import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ControlPlaneClient } from '../../../src/controlplane/client.js';
import {
  type ConfigForm,
  type ConfigFormValues,
  checkConfigForm,
  formKeys,
  loadConfigForm,
} from '../../../src/core/config-form.js';
import { Fleet } from '../../../src/core/fleet.js';
import { type EmbeddedControlPlane, startEmbeddedControlPlane } from '../../../src/embedded/server.js';

/** The core of the config form: current values, and submissions checked by the config command's rules. */

let plane: EmbeddedControlPlane;
let client: ControlPlaneClient;
let services: { fleet: Fleet; controlPlane: ControlPlaneClient };
beforeEach(async () => {
  plane = await startEmbeddedControlPlane({ dbPath: ':memory:', port: 0, clock: { running: false } });
  client = new ControlPlaneClient({
    baseUrl: plane.url,
    auth: { username: plane.username, password: plane.password },
  });
  services = { fleet: new Fleet(client), controlPlane: client };
});
afterEach(async () => {
  await client.close();
  await plane.close();
});

async function submit(server: string, change: (values: ConfigFormValues) => Partial<ConfigFormValues>) {
  const form: ConfigForm = await loadConfigForm(services, server);
  return checkConfigForm(services, form.server.id, form.values, { ...form.values, ...change(form.values) });
}

const problemsOf = async (...args: Parameters<typeof submit>) => {
  const outcome = await submit(...args);
  if (outcome.ok) throw new Error('expected problems, got a valid submission');
  return outcome.problems;
};

describe('the form of a server', () => {
  it('holds the current config as a person would type it', async () => {
    const form = await loadConfigForm(services, 'fra-sw-1');
    expect(form.values).toEqual({
      fqdn: '',
      cluster: 'eu-core',
      failover: 'none',
      'uac-user': '',
      'uac-password': '',
      switches: ['uac-ping'],
      'udp-ports': '5080',
      'tcp-ports': '',
      'tls-ports': '',
    });
    expect(form.clusters).toEqual(expect.arrayContaining(['eu-core', 'us-core']));
    expect(form.failoverTargets.map((t) => t.label)).toEqual([
      'ams-sw-1 (203.0.113.42)',
      'ams-sw-2 (203.0.113.43)',
    ]);
  });

  it('asks a dispatcher for its cluster only', async () => {
    const form = await loadConfigForm(services, 'ams-lb-1');
    expect(formKeys(form.server)).toEqual(['cluster']);
  });
});

describe('a submission', () => {
  it('becomes the config command with only the changed keys, typed as people type them', async () => {
    const outcome = await submit('ams-sw-1', (v) => ({
      fqdn: 'sip.quokka.example',
      switches: [...v.switches.filter((s) => s !== 'uac-ping'), 'webrtc'],
      'tcp-ports': '5070 5071',
    }));
    expect(outcome).toEqual({
      ok: true,
      invocations: [
        {
          text: 'config',
          options: {
            server: '203.0.113.42',
            fqdn: 'sip.quokka.example',
            webrtc: true,
            'uac-ping': false,
            'tcp-ports': '5070 5071',
          },
        },
      ],
    });
  });

  it('clears with empty fields, and sees a reformatted port list as unchanged', async () => {
    const outcome = await submit('ams-sw-1', () => ({ 'uac-user': '', 'udp-ports': '' }));
    expect(outcome.ok && outcome.invocations[0]?.options).toEqual({
      server: '203.0.113.42',
      'uac-user': 'none',
    });
    const same = await problemsOf('fra-sw-1', () => ({ 'udp-ports': ' 5080 ,' }));
    expect(same.fqdn).toContain('Nothing changed');
  });

  it('places each UAC rule on the field that broke it', async () => {
    const userOnly = await problemsOf('ams-sw-1', () => ({ 'uac-user': 'carrier-2' }));
    expect(Object.keys(userOnly)).toEqual(['uac-user']);
    expect(userOnly['uac-user']).toContain('uac-user needs uac-password too');

    const passwordOnly = await problemsOf('ams-sw-2', () => ({ 'uac-password': 'x-secret' }));
    expect(Object.keys(passwordOnly)).toEqual(['uac-password']);
    expect(passwordOnly['uac-password']).toContain('has no UAC username yet');
  });

  it('places TLS internals without TLS on the switch that asked for it', async () => {
    const problems = await problemsOf('ams-sw-2', (v) => ({ switches: [...v.switches, 'tls-internals'] }));
    expect(problems).toEqual({
      'tls-internals': 'TLS internals only work in a TLS setup: turn tls on first',
    });
  });

  it('refuses a cluster move that would break the failover, and a failover chosen with a move', async () => {
    const [source, target] = [
      await services.fleet.resolveServer('ams-sw-1'),
      await services.fleet.resolveServer('ams-sw-2'),
    ];
    await client.updateServer(source.id, { capacity_failover_id: target.id });
    const moved = await problemsOf('ams-sw-1', () => ({ cluster: 'none' }));
    expect(moved.cluster).toContain('Its capacity failover to ams-sw-2 would break');

    const both = await problemsOf('ams-sw-2', () => ({ cluster: 'us-core', failover: '203.0.113.42' }));
    expect(both.failover).toContain('once the cluster move is confirmed');
  });

  it('becomes a failover command when only the failover changed', async () => {
    const outcome = await submit('ams-sw-2', () => ({ failover: '203.0.113.44' }));
    expect(outcome).toEqual({
      ok: true,
      invocations: [{ text: 'failover', options: { server: '203.0.113.43', target: '203.0.113.44' } }],
    });
  });
});
