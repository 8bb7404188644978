import { describe, expect, it } from 'vitest';
import {
  configCaveats,
  configChangeIsDisruptive,
  configViolations,
  type EffectiveConfig,
  failoverRefusal,
  isFqdn,
} from '../../src/domain/config-rules.js';
import type { Server } from '../../src/domain/schemas.js';
import { defaultConfig } from '../../src/domain/server-defaults.js';

const { uac_auth: _, ...fresh } = defaultConfig();
const base: EffectiveConfig = { ...fresh, uac_user: null, auto_upgrade: false };
const withFqdn = { ...base, fqdn: 'sip.example.com' };

describe('config rules', () => {
  it('needs an FQDN for WebRTC and TLS', () => {
    expect(configViolations({ ...base, webrtc: true })).toEqual(['WebRTC needs an FQDN: set fqdn first']);
    expect(configViolations({ ...base, tls: true })).toEqual(['TLS needs an FQDN: set fqdn first']);
    expect(configViolations({ ...withFqdn, webrtc: true, tls: true })).toEqual([]);
  });

  it('needs TLS for TLS internals', () => {
    expect(configViolations({ ...withFqdn, tls_internals: true })).toEqual([
      'TLS internals only work in a TLS setup: turn tls on first',
    ]);
    expect(configViolations({ ...withFqdn, tls: true, tls_internals: true })).toEqual([]);
  });

  it('checks the FQDN itself', () => {
    expect(isFqdn('sip.example.com')).toBe(true);
    expect(isFqdn('localhost')).toBe(false);
    expect(isFqdn('bad_name.example.com')).toBe(false);
    expect(configViolations({ ...base, fqdn: 'not a name' })[0]).toMatch(/not a fully qualified domain name/);
  });

  it('keeps ports in 1-65535, unique, and each on one protocol', () => {
    expect(configViolations({ ...base, udp_ports: [0] })).toEqual([
      'udp port 0 is out of range: ports are 1-65535',
    ]);
    expect(configViolations({ ...base, tcp_ports: [70000] })[0]).toMatch(/out of range/);
    expect(configViolations({ ...base, udp_ports: [5070, 5070] })).toEqual(['udp port 5070 is listed twice']);
    expect(configViolations({ ...base, udp_ports: [5070], tls_ports: [5070] })).toEqual([
      'port 5070 is used by both udp and tls',
    ]);
    expect(configViolations({ ...base, udp_ports: [5070], tcp_ports: [5080], tls_ports: [5090] })).toEqual(
      [],
    );
  });
});

describe('capacity failover', () => {
  const sw = (id: number, cluster: number | null, type: Server['type'] = 'switch') =>
    ({ id, alias: `sw-${id}`, cluster_id: cluster, type }) as Server;

  it('goes to another switch of the same cluster, never to itself', () => {
    expect(failoverRefusal(sw(1, 1), sw(2, 1))).toBeNull();
    expect(failoverRefusal(sw(1, 1), sw(1, 1))).toMatch(/itself/);
    expect(failoverRefusal(sw(1, 1), sw(2, 2))).toMatch(/not in the same cluster/);
    expect(failoverRefusal(sw(1, null), sw(2, null))).toMatch(/needs a cluster/);
    expect(failoverRefusal(sw(1, 1), sw(2, 1, 'dispatcher'))).toMatch(/dispatcher/);
  });
});

describe('caveats shown before anyone confirms', () => {
  it('names each caveat of the seed when its switch is turned on', () => {
    const after = {
      ...withFqdn,
      webrtc: true,
      tls: true,
      tls_internals: true,
      uac_location_sharing: true,
      tcp_sip_trace: true,
      anyreg: true,
      auto_upgrade: true,
    };
    const caveats = configCaveats(withFqdn, after, true).join('\n');
    for (const word of [
      'certificate',
      'TLS internals',
      'unnecessary inside a cluster',
      'slow packet',
      'experimental',
      'zero channels',
    ]) {
      expect(caveats).toContain(word);
    }
  });

  it('says nothing for switches already on, and location sharing only matters in a cluster', () => {
    expect(configCaveats({ ...withFqdn, tls: true }, { ...withFqdn, tls: true }, false)).toEqual([]);
    expect(configCaveats(base, { ...base, uac_location_sharing: true }, false)).toEqual([]);
  });

  it('makes turning AnyReg on disruptive, not turning it off', () => {
    expect(configChangeIsDisruptive(base, { ...base, anyreg: true })).toBe(true);
    expect(configChangeIsDisruptive({ ...base, anyreg: true }, base)).toBe(false);
  });
});
