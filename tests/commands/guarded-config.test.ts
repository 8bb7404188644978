import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { argMeta } from '../../src/core/args.js';
import type { Plan } from '../../src/core/command.js';
import { type GuardedFleet, outcomeText, planText, refusalOf, startGuardedFleet } from './guarded-harness.js';
import { fieldsOf, headerOf, rowsOf } from './reply-queries.js';

const PASSWORD = 'Sup3r-S3cret!';

/** The card's KEY / NOW / NEW table, keyed by the key people typed. */
const changeRows = (plan: Plan) =>
  Object.fromEntries(
    rowsOf({ tone: 'neutral', blocks: plan.blocks }).map((row) => [row.KEY, [row.NOW, row.NEW]]),
  );

describe('config', () => {
  let fleet: GuardedFleet;
  beforeEach(async () => {
    fleet = await startGuardedFleet();
  });
  afterEach(async () => {
    await fleet.close();
  });

  const refused = async (line: string) => (await refusalOf(fleet.plan(line))).message;

  describe('without keys', () => {
    it('is a read-only call that shows the config, with no password', async () => {
      const { command, args } = fleet.bind('config ams-sw-1');
      expect(command.isReadOnly?.(args)).toBe(true);
      expect(command.isReadOnly?.(fleet.bind('config ams-sw-1 webrtc=on').args)).toBe(false);
      const reply = await fleet.show('config ams-sw-1');
      expect(reply.private).toBe(true);
      expect(headerOf(reply)).toBe('Config of ams-sw-1 (203.0.113.42)');
      expect(fieldsOf(reply)).toMatchObject({
        Cluster: 'eu-core',
        'Capacity failover': 'none',
        FQDN: 'ams-sw-1.quokka.example',
        'UAC auth': 'user quokka-trunk · password set',
        TLS: 'on',
      });
    });

    it('refuses to plan: there is nothing to confirm', async () => {
      expect(await refused('config ams-sw-1')).toBe('Cannot change the config of ams-sw-1: no key given.');
    });
  });

  describe('a change', () => {
    it('shows every key with its old and new value on one card, then applies them all', async () => {
      const plan = await fleet.plan('config ams-sw-1 webrtc=on udp-ports=5070,5080 uac-ping=off');
      expect(plan.title).toBe('Change the config of ams-sw-1 (203.0.113.42)');
      expect(plan.risk).toBeUndefined();
      expect(changeRows(plan)).toEqual({
        webrtc: ['off', 'on'],
        'udp-ports': ['none', '5070, 5080'],
        'uac-ping': ['on', 'off'],
      });
      expect(planText(plan)).toContain('⚠ WebRTC also needs a valid certificate for the FQDN.');

      const outcome = await fleet.execute('config ams-sw-1 webrtc=on udp-ports=5070,5080 uac-ping=off');
      expect(outcome.tone).toBe('success');
      expect(outcomeText(outcome)).toBe(
        'Config of ams-sw-1 (203.0.113.42) changed: webrtc on; uac-ping off; udp-ports 5070, 5080.',
      );
      const { config } = await fleet.server('ams-sw-1');
      expect(config).toMatchObject({
        webrtc: true,
        udp_ports: [5070, 5080],
        disable_uac_ping: true,
        tls: true,
      });
    });

    it('clears a port list with "none" or an empty value', async () => {
      expect(changeRows(await fleet.plan('config fra-sw-1 udp-ports=none'))).toEqual({
        'udp-ports': ['5080', 'none'],
      });
      await fleet.execute('config fra-sw-1 udp-ports=');
      expect((await fleet.server('fra-sw-1')).config.udp_ports).toEqual([]);
    });

    it('lists keys that already have the asked value apart, and refuses when nothing would change', async () => {
      const plan = await fleet.plan('config ams-sw-1 tls=on webrtc=on');
      expect(changeRows(plan)).toEqual({ webrtc: ['off', 'on'] });
      expect(planText(plan)).toContain('Already as asked: tls.');
      expect(await refused('config ams-sw-1 tls=on uac-ping=on')).toBe(
        'Cannot change the config of ams-sw-1: nothing would change: tls, uac-ping already as asked.',
      );
    });
  });

  describe('the rules, before any card', () => {
    it('WebRTC and TLS need an FQDN; TLS internals need TLS', async () => {
      expect(await refused('config lon-sw-1 webrtc=on')).toBe(
        'Cannot change the config of lon-sw-1: WebRTC needs an FQDN: set fqdn first.',
      );
      expect(await refused('config lon-sw-1 tls=on')).toBe(
        'Cannot change the config of lon-sw-1: TLS needs an FQDN: set fqdn first.',
      );
      expect(await refused('config lon-sw-1 fqdn=sip.example.com tls-internals=on')).toBe(
        'Cannot change the config of lon-sw-1: TLS internals only work in a TLS setup: turn tls on first.',
      );
      // Clearing the FQDN under TLS breaks the rule too.
      expect(await refused('config ams-sw-1 fqdn=none')).toBe(
        'Cannot change the config of ams-sw-1: TLS needs an FQDN: set fqdn first.',
      );
      // Given together, they hold.
      const plan = await fleet.plan('config lon-sw-1 fqdn=SIP.Example.com tls=on tls-internals=on');
      expect(changeRows(plan).fqdn).toEqual(['not set', 'sip.example.com']);
    });

    it('an FQDN must be fully qualified', async () => {
      expect(await refused('config lon-sw-1 fqdn=localhost')).toBe(
        'Cannot change the config of lon-sw-1: "localhost" is not a fully qualified domain name (e.g. sip.example.com).',
      );
    });

    it('ports are 1-65535, not listed twice, not shared by two protocols', async () => {
      expect(await refused('config lon-sw-1 udp-ports=70000')).toBe(
        'Cannot change the config of lon-sw-1: udp port 70000 is out of range: ports are 1-65535.',
      );
      expect(await refused('config lon-sw-1 tls-ports=5070,5070')).toBe(
        'Cannot change the config of lon-sw-1: tls port 5070 is listed twice.',
      );
      expect(await refused('config lon-sw-1 udp-ports=5070 tcp-ports=5071,5070')).toBe(
        'Cannot change the config of lon-sw-1: port 5070 is used by both udp and tcp.',
      );
      // A clash with a port the server already has counts too.
      expect(await refused('config fra-sw-1 tcp-ports=5080')).toBe(
        'Cannot change the config of fra-sw-1: port 5080 is used by both udp and tcp.',
      );
      const typo = await refusalOf(() => fleet.bind('config lon-sw-1 udp-ports=5070,abc'));
      expect(typo.message).toContain('--udp-ports must be port numbers separated by commas, e.g. 5070,5080');
    });

    it('a dispatcher takes only a cluster: server config applies to switches', async () => {
      expect(await refused('config ams-lb-1 webrtc=off anyreg=on')).toBe(
        'Cannot change the config of ams-lb-1: ams-lb-1 is a dispatcher, and server config applies to switches (a dispatcher takes only cluster=).',
      );
      expect(changeRows(await fleet.plan('config ams-lb-1 cluster=none'))).toEqual({
        cluster: ['eu-core', 'none'],
      });
    });
  });

  describe('the caveats, on the card', () => {
    const cardOf = async (line: string) => planText(await fleet.plan(line));

    it('location sharing is pointless inside a cluster, not outside one', async () => {
      expect(await cardOf('config ams-sw-2 location-sharing=on')).toContain(
        '⚠ UAC location sharing is unnecessary inside a cluster',
      );
      expect(await cardOf('config lon-sw-1 location-sharing=on')).not.toContain('unnecessary');
    });

    it('TCP SIP trace, TLS internals and auto upgrade say what they cost', async () => {
      expect(await cardOf('config ams-sw-1 tcp-sip-trace=on')).toContain(
        'can slow packet handling under heavy load',
      );
      expect(await cardOf('config ams-sw-1 tls-internals=on')).toContain('only used in TLS setups');
      expect(await cardOf('config fra-sw-1 auto-upgrade=on')).toContain(
        'Auto upgrade applies updates only when the server carries zero channels.',
      );
    });

    it('turning AnyReg on is disruptive; turning it off is a plain change', async () => {
      const on = await fleet.plan('config ams-sw-1 anyreg=on');
      expect(on.risk).toBe('disruptive');
      expect(planText(on)).toContain('AnyReg is an experimental registrar');
      await fleet.execute('config ams-sw-1 anyreg=on');
      expect((await fleet.plan('config ams-sw-1 anyreg=off')).risk).toBeUndefined();
    });

    it('joining a cluster shares its CPS limit', async () => {
      const plan = await fleet.plan('config lon-sw-1 cluster=EU-CORE');
      expect(changeRows(plan)).toEqual({ cluster: ['none', 'eu-core'] });
      expect(planText(plan)).toContain('a CPS limit of 10 means 10 for the whole cluster');
      await fleet.execute('config lon-sw-1 cluster=eu-core');
      const clusters = await fleet.client.listClusters();
      expect((await fleet.server('lon-sw-1')).cluster_id).toBe(
        clusters.find((c) => c.name === 'eu-core')!.id,
      );
    });

    it('a cluster move that breaks a capacity failover: refused for its own, a caveat for others’', async () => {
      await fleet.execute('failover ams-sw-1 ams-sw-2');
      const own = await refusalOf(fleet.plan('config ams-sw-1 cluster=us-core'));
      expect(own.message).toBe(
        'Cannot change the config of ams-sw-1: its capacity failover to ams-sw-2 would break (ams-sw-2 is not in the same cluster as ams-sw-1).',
      );
      expect(own.hint).toBe('Change the failover first: /cx failover ams-sw-1 none');
      expect(await cardOf('config ams-sw-2 cluster=us-core')).toContain(
        'ams-sw-1 fails over to ams-sw-2: that stops working once they are in different clusters.',
      );
    });
  });

  describe('UAC auth', () => {
    it('marks the password secret, so the flow keeps it in memory only', () => {
      const { command } = fleet.bind('config ams-sw-1');
      expect(argMeta(command.args.shape['uac-password']).secret).toBe(true);
      expect(argMeta(command.args.shape['uac-user']).secret).toBeUndefined();
    });

    it('never shows the password: not on the card, not in the outcome', async () => {
      const line = `config lon-sw-1 uac-user=carrier1 uac-password=${PASSWORD}`;
      const plan = await fleet.plan(line);
      expect(JSON.stringify(plan)).not.toContain(PASSWORD);
      expect(changeRows(plan)).toEqual({
        'uac-user': ['off', 'carrier1'],
        'uac-password': ['not set', 'new password (not shown)'],
      });
      const outcome = await fleet.execute(line);
      expect(JSON.stringify(outcome)).not.toContain(PASSWORD);
      expect((await fleet.server('lon-sw-1')).config.uac_auth).toEqual({
        username: 'carrier1',
        password_set: true,
      });
    });

    it('a new password alone keeps the username; a new username needs the password again', async () => {
      expect(changeRows(await fleet.plan(`config ams-sw-1 uac-password=${PASSWORD}`))).toEqual({
        'uac-password': ['set', 'new password (not shown)'],
      });
      const { command, args } = fleet.bind(`config ams-sw-1 uac-password=${PASSWORD}`);
      await command.execute(fleet.context(), args);
      expect((await fleet.server('ams-sw-1')).config.uac_auth?.username).toBe('quokka-trunk');

      expect(await refused('config ams-sw-1 uac-user=other')).toBe(
        'Cannot change the UAC auth of ams-sw-1: uac-user needs uac-password too: the password is never read back, so it is sent again with the username.',
      );
      expect(await refused(`config lon-sw-1 uac-password=${PASSWORD}`)).toBe(
        'Cannot change the UAC auth of lon-sw-1: lon-sw-1 has no UAC username yet.',
      );
    });

    it('uac-user=none turns UAC auth off, and takes no password', async () => {
      expect(changeRows(await fleet.plan('config ams-sw-1 uac-user=none'))).toEqual({
        'uac-user': ['quokka-trunk', 'off'],
      });
      await fleet.execute('config ams-sw-1 uac-user=none');
      expect((await fleet.server('ams-sw-1')).config.uac_auth).toBeNull();
      expect(await refused(`config ams-sw-1 uac-user=none uac-password=${PASSWORD}`)).toBe(
        'Cannot change the UAC auth of ams-sw-1: uac-user=none turns UAC auth off, so uac-password has no use.',
      );
    });
  });

  it('checks the rules again at execute against the config as it is then', async () => {
    await fleet.plan('config ams-sw-1 webrtc=on');
    await fleet.execute('config ams-sw-1 tls=off fqdn=none');
    const refusal = await refusalOf(fleet.execute('config ams-sw-1 webrtc=on'));
    expect(refusal.message).toBe(
      'Things changed since the request, so nothing was sent. Cannot change the config of ams-sw-1: WebRTC needs an FQDN: set fqdn first.',
    );
    expect((await fleet.server('ams-sw-1')).config.webrtc).toBe(false);
  });
});
