import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Server } from '../../src/domain/schemas.js';
import { type Api, startTestPlane } from './helpers.js';

let api: Api;
let fleet: Server[];
const byAlias = (alias: string) => fleet.find((s) => s.alias === alias)!;
beforeEach(async () => {
  api = await startTestPlane();
  fleet = await api.servers();
});
afterEach(() => api.plane.close());

const put = (alias: string, body: unknown) => api.put(`setup/server/${byAlias(alias).id}`, body);

async function expectRefusal(alias: string, body: unknown, message: RegExp) {
  const answer = await put(alias, body);
  expect(answer.status).toBe(400);
  expect(answer.json.error).toMatch(message);
}

describe('PUT setup/server/:id', () => {
  it('applies a partial config and leaves the rest as it was', async () => {
    const before = byAlias('lon-sw-1');
    const answer = await put('lon-sw-1', { fqdn: 'lon-sw-1.quokka.example', tls: true, tcp_ports: [5062] });
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({ status: 'OK' });
    const after = await api.server(before.id);
    expect(after.config).toEqual({
      ...before.config,
      fqdn: 'lon-sw-1.quokka.example',
      tls: true,
      tcp_ports: [5062],
    });
    expect(after.channels).toBe(before.channels);
  });

  it('refuses WebRTC and TLS without an FQDN, and TLS internals without TLS', async () => {
    await expectRefusal('lon-sw-1', { webrtc: true }, /WebRTC needs an FQDN/);
    await expectRefusal('lon-sw-1', { tls: true }, /TLS needs an FQDN/);
    await expectRefusal('lon-sw-1', { tls_internals: true }, /TLS internals only work in a TLS setup/);
    await expectRefusal('lon-sw-1', { fqdn: 'not a name' }, /not a fully qualified domain name/);
    // Taking the FQDN away from a TLS server breaks the same rule.
    await expectRefusal('ams-sw-1', { fqdn: null }, /TLS needs an FQDN/);
    expect((await put('ams-sw-1', { tls_internals: true })).status).toBe(200);
  });

  it('refuses ports out of range, listed twice, or shared by two protocols', async () => {
    await expectRefusal('lon-sw-1', { udp_ports: [0] }, /^udp_ports\[0\]: /);
    await expectRefusal('lon-sw-1', { tcp_ports: [70000] }, /^tcp_ports\[0\]: /);
    await expectRefusal('lon-sw-1', { udp_ports: [5080, 5080] }, /udp port 5080 is listed twice/);
    await expectRefusal(
      'lon-sw-1',
      { udp_ports: [5090], tcp_ports: [5090] },
      /port 5090 is used by both udp and tcp/,
    );
    // fra-sw-1 already listens on UDP 5080.
    await expectRefusal('fra-sw-1', { tcp_ports: [5080] }, /port 5080 is used by both udp and tcp/);
  });

  it('sets capacity failover only to a switch of the same cluster', async () => {
    expect((await put('ams-sw-1', { capacity_failover_id: byAlias('ams-sw-2').id })).status).toBe(200);
    expect((await api.server(byAlias('ams-sw-1').id)).config.capacity_failover_id).toBe(
      byAlias('ams-sw-2').id,
    );
    await expectRefusal(
      'ams-sw-1',
      { capacity_failover_id: byAlias('nyc-sw-1').id },
      /not in the same cluster/,
    );
    await expectRefusal('ams-sw-1', { capacity_failover_id: byAlias('ams-lb-1').id }, /is a dispatcher/);
    await expectRefusal(
      'ams-sw-1',
      { capacity_failover_id: byAlias('ams-sw-1').id },
      /cannot fail over to itself/,
    );
    await expectRefusal('lon-sw-1', { capacity_failover_id: byAlias('ams-sw-2').id }, /in no cluster/);
    await expectRefusal(
      'ams-sw-1',
      { capacity_failover_id: 999 },
      /^capacity_failover_id: there is no server 999/,
    );
    // Leaving the cluster would leave the failover behind in another one.
    const usCore = byAlias('nyc-sw-1').cluster_id;
    await expectRefusal('ams-sw-1', { cluster_id: usCore }, /not in the same cluster/);
  });

  it('moves a server between clusters, which then shares the new cluster’s CPS limit', async () => {
    const usCore = byAlias('nyc-sw-1').cluster_id;
    expect((await put('lon-sw-1', { cluster_id: usCore })).status).toBe(200);
    expect(await api.server(byAlias('lon-sw-1').id)).toMatchObject({ cluster_id: usCore, cps_max: 40 });
    expect((await put('lon-sw-1', { cluster_id: null })).status).toBe(200);
    expect((await api.server(byAlias('lon-sw-1').id)).cluster_id).toBeNull();
    await expectRefusal('lon-sw-1', { cluster_id: 77 }, /^cluster_id: there is no cluster 77/);
  });

  it('keeps the UAC password write-only: never in any answer, only password_set', async () => {
    const password = 'Tr0ub4dor&3-unique';
    expect((await put('lon-sw-1', { uac_auth: { username: 'carrier-a', password } })).status).toBe(200);
    const single = await api.get(`setup/server/${byAlias('lon-sw-1').id}`);
    expect(single.json.config.uac_auth).toEqual({ username: 'carrier-a', password_set: true });
    const list = await api.get('setup/server');
    for (const text of [single.text, list.text]) {
      expect(text).not.toContain(password);
      expect(text).not.toMatch(/scrypt|hash/);
    }
    expect((await put('lon-sw-1', { uac_auth: null })).status).toBe(200);
    expect((await api.server(byAlias('lon-sw-1').id)).config.uac_auth).toBeNull();
  });

  it('answers 404 for an unknown server and 400 for unknown fields', async () => {
    expect((await api.put('setup/server/9999', { tls: false })).status).toBe(404);
    await expectRefusal('lon-sw-1', { webrtcc: true }, /unknown field "webrtcc"/);
  });
});
