import { LogLevel } from '@slack/bolt';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { boltLogger, scrubLine } from '../../../src/platforms/slack/logger.js';

/** Bolt's log lines in the app's log, without tokens or payloads (a form's payload holds a password). */

function capture(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level }, { write: (line: string) => lines.push(JSON.parse(line)) });
  return { logger: boltLogger(log), lines };
}

describe('the Bolt logger', () => {
  it('masks tokens and cuts payloads out of a line', () => {
    expect(scrubLine('apiCall with xoxb-123-456-abcDEF and xapp-1-A1-2-xyz')).toBe(
      'apiCall with [redacted] and [redacted]',
    );
    expect(
      scrubLine(
        'Received a message on the WebSocket: {"payload":{"view":{"state":{"uac-password":"s3cret"}}}}',
      ),
    ).toBe('Received a message on the WebSocket: [payload not logged]');
  });

  it('writes each level to pino, with errors as error fields and objects left out', () => {
    const { logger, lines } = capture();
    logger.setName('socket-mode');
    logger.debug('Sending a WebSocket message:', { envelope_id: 'e1', payload: { secret: 'x' } });
    logger.warn('http request failed', new Error('connect ECONNREFUSED'));
    expect(lines.map((l) => [l.level, l.component, l.msg])).toEqual([
      [20, 'socket-mode', 'Sending a WebSocket message: [payload not logged]'],
      [40, 'socket-mode', 'http request failed'],
    ]);
    expect(lines[1]?.err).toMatchObject({ type: 'Error', message: 'connect ECONNREFUSED' });
    expect(JSON.stringify(lines)).not.toContain('secret');
  });

  it("reports the app's level and keeps it when Bolt asks for its own", () => {
    const { logger, lines } = capture('info');
    expect(logger.getLevel()).toBe(LogLevel.INFO);
    logger.setLevel(LogLevel.DEBUG);
    logger.debug('not shown');
    expect(lines).toEqual([]);
  });
});
