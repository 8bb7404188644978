import { describe, expect, it } from 'vitest';
import { emptyHistory, type History } from '../../src/alerts/snapshot.js';
import { ago, findingsOf, HOUR, server, snapshot, theFinding } from './rules-fixtures.js';

const MIN = 60_000;
const EU_CORE = { id: 3, name: 'eu-core' };

/** Samples of server 1 every 10 minutes over the last `hours`, at `share` of its channels. */
function loadedFor(hours: number, share: number, extra: { at: Date; share: number }[] = []): History {
  const count = (hours * 60) / 10;
  const samples = Array.from({ length: count }, (_, i) => ({ at: ago((count - i) * 10 * MIN), share }));
  return { ...emptyHistory(), usage: new Map([[1, [...extra, ...samples]]]) };
}

describe('capacity advice', () => {
  it('advises against more than 1,000 channels on one server', () => {
    const big = server(1, { channels_max: 1200 });
    const finding = theFinding('capacity-advice', snapshot({ servers: [big] }));
    expect(finding.severity).toBe('info');
    expect(finding.title).toBe('Capacity advice · sw-1 (203.0.113.1)');
    expect(finding.lines).toEqual([
      'It allows 1,200 channels; ConnexCS advises at most 1,000 per server.',
      'Deploy another server and cluster the two to spread the load.',
    ]);
  });

  it('advises against more than 100 CPS on an unclustered server', () => {
    const fast = server(1, { cps_max: 150 });
    expect(theFinding('capacity-advice', snapshot({ servers: [fast] })).lines[0]).toBe(
      'Its CPS limit is 150; ConnexCS advises at most 100 CPS per server.',
    );
  });

  it('shares a cluster’s CPS limit among its switches before comparing', () => {
    const pair = [server(1, { cps_max: 150, cluster_id: 3 }), server(2, { cps_max: 150, cluster_id: 3 })];
    const lb = server(3, { type: 'dispatcher', channels_max: 0, cps_max: 150, cluster_id: 3 });
    expect(findingsOf('capacity-advice', snapshot({ servers: [...pair, lb], clusters: [EU_CORE] }))).toEqual(
      [],
    );
    const trio = [1, 2, 4].map((id) => server(id, { cps_max: 400, cluster_id: 3 }));
    const findings = findingsOf('capacity-advice', snapshot({ servers: trio, clusters: [EU_CORE] }));
    expect(findings).toHaveLength(3);
    expect(findings[0]?.lines).toEqual([
      "Its cluster's shared limit of 400 CPS comes to 133.3 for each of 3 switches; ConnexCS advises at most 100 CPS per server.",
      'Add a server to cluster eu-core to spread the load.',
    ]);
  });

  it('advises when a server ran over 50% for most of the last day', () => {
    const finding = theFinding('capacity-advice', snapshot({ servers: [server(1)] }), {
      history: loadedFor(13, 0.6),
    });
    expect(finding.lines[0]).toBe(
      'It ran above 50% of its channels for 13 hours of the last 24 hours; ConnexCS advises running servers at 50% or less.',
    );
    expect(finding.values?.busyHours).toBeCloseTo(13, 10);
  });

  it('says nothing for less than half the day, or for exactly 50%', () => {
    const snap = snapshot({ servers: [server(1)] });
    expect(findingsOf('capacity-advice', snap, { history: loadedFor(11, 0.9) })).toEqual([]);
    expect(findingsOf('capacity-advice', snap, { history: loadedFor(20, 0.5) })).toEqual([]);
  });

  it('counts a gap in the history as not busy: a sample stands for 15 minutes at most', () => {
    const lonely = { at: ago(20 * HOUR), share: 0.9 };
    const history = loadedFor(11, 0.9, [lonely]);
    expect(findingsOf('capacity-advice', snapshot({ servers: [server(1)] }), { history })).toEqual([]);
  });

  it('leaves expired servers out', () => {
    const dead = server(1, { channels_max: 5000, status: 'expired' });
    expect(findingsOf('capacity-advice', snapshot({ servers: [dead] }))).toEqual([]);
  });
});
