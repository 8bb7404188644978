/**
 * SIP responses to our OPTIONS as peers wrote them. `sipp200` was captured from SIPp 3.6.1 running
 * fixtures/options-200.xml; the others follow what Kamailio, Asterisk and older gear send:
 * compact header names, folded lines, several Vias, bare LF line ends.
 */

const crlf = (...lines: string[]) => `${[...lines, '', ''].join('\r\n')}`;

export const BRANCH = 'z9hG4bK3f9a0c1d2e4b5a6978';
export const CALL_ID = '5f0c9e2ab18d4c7e@switchboard';

export const sipp200 = crlf(
  'SIP/2.0 200 OK',
  `Via: SIP/2.0/UDP 127.0.0.1:56304;branch=${BRANCH};rport`,
  'From: <sip:switchboard@127.0.0.1>;tag=abc',
  'To: <sip:127.0.0.1:45060>;tag=5457SIPpTag1',
  `Call-ID: ${CALL_ID}`,
  'CSeq: 1 OPTIONS',
  'Contact: <sip:127.0.0.1:45060;transport=UDP>',
  'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS',
  'Accept: application/sdp',
  'Content-Length: 0',
);

/** Compact forms (v, f, t, i, l, m), odd spacing around colons, lower-case names. */
export const compact = crlf(
  'SIP/2.0 200 OK',
  `v: SIP/2.0/UDP 198.51.100.9:5060;rport=40312;received=192.0.2.10;branch=${BRANCH}`,
  'f : <sip:switchboard@198.51.100.9>;tag=abc',
  't:<sip:203.0.113.42:5060>;tag=as4d1f',
  `i:   ${CALL_ID}`,
  'cseq: 77 OPTIONS',
  'm: <sip:203.0.113.42:5060>',
  'l: 0',
);

/** Folded header lines (continuations start with whitespace) and a 404 with a long reason. */
export const folded = crlf(
  'SIP/2.0 404 Not Found Here Either',
  'Via: SIP/2.0/UDP 198.51.100.9:5060',
  `\t;branch=${BRANCH}`,
  '  ;rport=40312',
  'Call-ID:',
  ` ${CALL_ID}`,
  'CSeq: 12',
  '\tOPTIONS',
  'Content-Length: 0',
);

/** Two Vias on one line and a third on its own: only the top one names our transaction. */
export const severalVias = crlf(
  'SIP/2.0 503 Service Unavailable',
  `Via: SIP/2.0/UDP 198.51.100.9:5060;branch=${BRANCH}, SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKproxy`,
  'Via: SIP/2.0/UDP 10.0.0.2:5060;branch=z9hG4bKother',
  `Call-ID: ${CALL_ID}`,
  'CSeq: 3 OPTIONS',
  'Retry-After: 30',
  'Content-Length: 0',
);

/** Bare LF line ends and a body, as some embedded stacks send. */
export const bareLf = [
  'SIP/2.0 200 OK',
  `Via: SIP/2.0/UDP 198.51.100.9:5060;branch=${BRANCH}`,
  `Call-ID: ${CALL_ID}`,
  'CSeq: 9 OPTIONS',
  'Content-Type: application/sdp',
  'Content-Length: 9',
  '',
  'v=0\nCSeq: 1 INVITE',
].join('\n');
