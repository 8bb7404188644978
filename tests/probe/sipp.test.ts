import pino from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SipProber } from '../../src/probe/prober.js';
import { type Sipp, sippMissing, startSipp } from './sipp.js';

/** The prober against a real SIP stack: SIPp as a UAS on 127.0.0.1. */

const missing = sippMissing();
if (missing) console.warn(`skipping the SIPp probe tests: ${missing}`);

const log = pino({ level: 'silent' });

describe.skipIf(missing !== null)('SipProber against SIPp', () => {
  let prober: SipProber;

  beforeAll(() => {
    prober = new SipProber({
      log,
      t1Ms: 50,
      timeoutMs: 600,
      maxTransmissions: 4,
      concurrency: 16,
      bind: { ipv4: '127.0.0.1' },
    });
  });

  afterAll(async () => {
    await prober.close();
  });

  describe('a UAS answering OPTIONS with 200 OK', () => {
    let sipp: Sipp;

    beforeAll(async () => {
      sipp = await startSipp('options-200');
    });

    afterAll(async () => {
      await sipp?.stop();
    });

    it('answers with its status line and a round trip', async () => {
      const result = await prober.probe({ host: '127.0.0.1', port: sipp.port });
      expect(result).toMatchObject({
        outcome: 'answered',
        target: { host: '127.0.0.1', port: sipp.port },
        status: 200,
        statusLine: 'SIP/2.0 200 OK',
      });
      expect(result.outcome === 'answered' && result.rttMs).toBeGreaterThan(0);
    });

    it('answers many probes at once, each its own transaction', async () => {
      const target = { host: '127.0.0.1', port: sipp.port };
      const results = await Promise.all(Array.from({ length: 100 }, () => prober.probe(target)));
      expect(results.filter((r) => r.outcome === 'answered')).toHaveLength(100);
      expect(prober.stats().inFlight).toBe(0);
    });
  });

  describe('a UAS that never answers', () => {
    let sipp: Sipp;

    afterEach(async () => {
      await sipp?.stop();
    });

    it('times out after the bounded retransmissions', async () => {
      sipp = await startSipp('options-silent');
      const target = { host: '127.0.0.1', port: sipp.port };
      expect(await prober.probe(target)).toEqual({
        outcome: 'timeout',
        target,
        waitedMs: 600,
        transmissions: 4,
      });
    });
  });
});
