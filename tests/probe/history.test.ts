import { describe, expect, it } from 'vitest';
import { emptyProbeHistory, nextProbeHistory } from '../../src/probe/history.js';
import type { ProbeResult } from '../../src/probe/types.js';
import { NOW } from '../alerts/rules-fixtures.js';
import { answered, lost } from './probe-fixtures.js';

const at = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const on = (host: string, port: number, outcome: typeof lost): ProbeResult => outcome({ host, port });

describe('nextProbeHistory', () => {
  it('appends each round per server and port, keeping the last `keep` samples', () => {
    let history = emptyProbeHistory();
    for (let minute = 0; minute < 4; minute++) {
      history = nextProbeHistory(
        history,
        [
          {
            serverId: 7,
            results: [on('192.0.2.7', 5060, minute % 2 ? lost : answered(5)), on('192.0.2.7', 5080, lost)],
          },
        ],
        at(minute),
        3,
      );
    }
    const ports = history.get(7)!;
    expect([...ports.keys()]).toEqual([5060, 5080]);
    expect(ports.get(5060)!.map((s) => [s.at, s.result.outcome])).toEqual([
      [at(1), 'timeout'],
      [at(2), 'answered'],
      [at(3), 'timeout'],
    ]);
  });

  it('forgets servers and ports the round did not probe', () => {
    const first = nextProbeHistory(
      emptyProbeHistory(),
      [
        { serverId: 1, results: [on('192.0.2.1', 5060, lost), on('192.0.2.1', 5080, lost)] },
        { serverId: 2, results: [on('192.0.2.2', 5060, lost)] },
      ],
      at(0),
      5,
    );
    const second = nextProbeHistory(
      first,
      [{ serverId: 1, results: [on('192.0.2.1', 5060, lost)] }],
      at(1),
      5,
    );
    expect([...second.keys()]).toEqual([1]);
    expect([...second.get(1)!.keys()]).toEqual([5060]);
    expect(second.get(1)!.get(5060)).toHaveLength(2);
  });

  it('starts a port afresh when the server has a new address', () => {
    const before = nextProbeHistory(
      emptyProbeHistory(),
      [{ serverId: 1, results: [on('192.0.2.1', 5060, lost)] }],
      at(0),
      5,
    );
    const after = nextProbeHistory(
      before,
      [{ serverId: 1, results: [on('192.0.2.99', 5060, answered(3))] }],
      at(1),
      5,
    );
    expect(
      after
        .get(1)!
        .get(5060)!
        .map((s) => s.result.target.host),
    ).toEqual(['192.0.2.99']);
  });
});
