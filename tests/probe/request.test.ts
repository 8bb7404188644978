import { describe, expect, it } from 'vitest';
import { BRANCH_COOKIE, newTransactionIds, optionsRequest } from '../../src/probe/request.js';

const local = { address: '192.0.2.10', port: 40312 };

function headers(request: string): Map<string, string> {
  const [, ...lines] = request.split('\r\n\r\n')[0]!.split('\r\n');
  return new Map(
    lines.map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]),
  );
}

describe('newTransactionIds', () => {
  it('gives every request its own branch (with the RFC 3261 cookie), Call-ID, tag and CSeq', () => {
    const many = Array.from({ length: 200 }, newTransactionIds);
    for (const key of ['branch', 'callId', 'fromTag'] as const) {
      expect(new Set(many.map((ids) => ids[key])).size).toBe(many.length);
    }
    expect(
      many.every((ids) => ids.branch.startsWith(BRANCH_COOKIE) && ids.branch.length > BRANCH_COOKIE.length),
    ).toBe(true);
    expect(many.every((ids) => Number.isInteger(ids.cseq) && ids.cseq >= 1 && ids.cseq < 2 ** 31)).toBe(true);
  });
});

describe('optionsRequest', () => {
  it('is an out-of-dialog OPTIONS carrying the transaction ids, with rport and no body', () => {
    const ids = newTransactionIds();
    const request = optionsRequest({ host: '203.0.113.42', port: 5080 }, local, ids);
    expect(request.split('\r\n')[0]).toBe('OPTIONS sip:203.0.113.42:5080 SIP/2.0');
    expect(request.endsWith('\r\n\r\n')).toBe(true);
    const h = headers(request);
    expect(h.get('Via')).toBe(`SIP/2.0/UDP 192.0.2.10:40312;branch=${ids.branch};rport`);
    expect(h.get('Call-ID')).toBe(ids.callId);
    expect(h.get('CSeq')).toBe(`${ids.cseq} OPTIONS`);
    expect(h.get('From')).toBe(`<sip:switchboard@192.0.2.10>;tag=${ids.fromTag}`);
    expect(h.get('To')).toBe('<sip:203.0.113.42:5080>');
    expect(h.get('Max-Forwards')).toBe('70');
    expect(h.get('Content-Length')).toBe('0');
  });

  it('brackets IPv6 addresses in the URI and in Via', () => {
    const request = optionsRequest(
      { host: '2001:db8::42', port: 5060 },
      { address: '2001:db8::10', port: 40312 },
      newTransactionIds(),
    );
    expect(request.split('\r\n')[0]).toBe('OPTIONS sip:[2001:db8::42]:5060 SIP/2.0');
    expect(headers(request).get('Via')).toMatch(/^SIP\/2\.0\/UDP \[2001:db8::10\]:40312;branch=/);
  });
});
