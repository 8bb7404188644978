import { describe, expect, it } from 'vitest';
import { MAX_RESPONSE_BYTES, parseResponse } from '../../src/probe/response.js';
import { BRANCH, bareLf, CALL_ID, compact, folded, severalVias, sipp200 } from './captured.js';

const parse = (text: string) => parseResponse(Buffer.from(text));

describe('parseResponse', () => {
  it('reads what SIPp answers: status, top Via branch, Call-ID and CSeq', () => {
    expect(parse(sipp200)).toEqual({
      status: 200,
      statusLine: 'SIP/2.0 200 OK',
      branch: BRANCH,
      callId: CALL_ID,
      cseq: { number: 1, method: 'OPTIONS' },
    });
  });

  it('understands compact header names and loose spacing', () => {
    expect(parse(compact)).toMatchObject({
      status: 200,
      branch: BRANCH,
      callId: CALL_ID,
      cseq: { number: 77 },
    });
  });

  it('joins folded lines before reading them', () => {
    expect(parse(folded)).toEqual({
      status: 404,
      statusLine: 'SIP/2.0 404 Not Found Here Either',
      branch: BRANCH,
      callId: CALL_ID,
      cseq: { number: 12, method: 'OPTIONS' },
    });
  });

  it('takes the branch of the top Via only', () => {
    expect(parse(severalVias)).toMatchObject({ status: 503, branch: BRANCH });
  });

  it('accepts bare LF line ends and never reads the body as headers', () => {
    expect(parse(bareLf)).toMatchObject({ status: 200, cseq: { number: 9, method: 'OPTIONS' } });
  });

  it('keeps the Call-ID exactly as sent, so a wrong one cannot match', () => {
    const other = sipp200.replace(CALL_ID, 'someone-else@example.net');
    expect(parse(other)?.callId).toBe('someone-else@example.net');
  });

  it('shows the reason phrase without control characters and at a bounded length', () => {
    const noisy = sipp200.replace('SIP/2.0 200 OK', `SIP/2.0 200 O\u0007K ${'x'.repeat(300)}`);
    const line = parse(noisy)?.statusLine ?? '';
    expect(line.startsWith('SIP/2.0 200 OK x')).toBe(true);
    expect(line.length).toBeLessThanOrEqual(120);
  });

  it('accepts a status line without a reason phrase', () => {
    expect(parse(sipp200.replace('SIP/2.0 200 OK', 'SIP/2.0 200'))?.status).toBe(200);
  });

  it.each([
    ['a request', sipp200.replace('SIP/2.0 200 OK', 'OPTIONS sip:127.0.0.1 SIP/2.0')],
    ['garbage', '\u0000\u00ff not sip at all'],
    ['an empty datagram', ''],
    ['a status out of range', sipp200.replace('200 OK', '999 Nope')],
    ['no Via branch', sipp200.replace(`;branch=${BRANCH}`, '')],
    ['no Call-ID', sipp200.replace(`Call-ID: ${CALL_ID}\r\n`, '')],
    ['a CSeq without a method', sipp200.replace('CSeq: 1 OPTIONS', 'CSeq: 1')],
    ['another SIP version', sipp200.replace('SIP/2.0 200', 'SIP/3.0 200')],
  ])('ignores %s', (_what, text) => {
    expect(parse(text)).toBeNull();
  });

  it('ignores an oversized datagram, however well formed', () => {
    const padding = `X-Padding: ${'p'.repeat(MAX_RESPONSE_BYTES)}\r\n`;
    expect(parse(sipp200.replace('Content-Length: 0', `${padding}Content-Length: 0`))).toBeNull();
  });
});
