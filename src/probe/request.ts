import { randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { ProbeTarget } from './types.js';

/** RFC 3261 §8.1.1.7: a branch starting with this cookie marks a transaction id unique in space and time. */
export const BRANCH_COOKIE = 'z9hG4bK';

/** What ties a response to its request: RFC 3261 §17.1.3 matches on the top Via branch and CSeq method. */
export interface TransactionIds {
  branch: string;
  callId: string;
  fromTag: string;
  cseq: number;
}

/** Where our socket sends from: written into Via and Contact. */
export interface LocalAddress {
  address: string;
  port: number;
}

const USER_AGENT = 'Switchboard';
const CSEQ_LIMIT = 2 ** 31;

const token = (bytes: number) => randomBytes(bytes).toString('hex');

/** A fresh transaction: new branch, Call-ID, From tag and a CSeq below 2^31 (§8.1.1.5). */
export function newTransactionIds(): TransactionIds {
  return {
    branch: `${BRANCH_COOKIE}${token(12)}`,
    callId: `${token(16)}@switchboard`,
    fromTag: token(6),
    cseq: 1 + (randomBytes(4).readUInt32BE() % (CSEQ_LIMIT - 1)),
  };
}

/** IPv6 addresses are bracketed in SIP URIs and Via sent-by (RFC 3261 §25.1, RFC 5118). */
function hostPart(host: string): string {
  return isIPv6(host) ? `[${host}]` : host;
}

function hostPort(host: string, port: number): string {
  return `${hostPart(host)}:${port}`;
}

/**
 * An out-of-dialog OPTIONS (RFC 3261 §11) with `rport` (RFC 3581), so the answer comes back to
 * the port we sent from even through NAT.
 */
export function optionsRequest(target: ProbeTarget, local: LocalAddress, ids: TransactionIds): string {
  const uri = `sip:${hostPort(target.host, target.port)}`;
  const self = hostPort(local.address, local.port);
  return [
    `OPTIONS ${uri} SIP/2.0`,
    `Via: SIP/2.0/UDP ${self};branch=${ids.branch};rport`,
    'Max-Forwards: 70',
    `From: <sip:switchboard@${hostPart(local.address)}>;tag=${ids.fromTag}`,
    `To: <${uri}>`,
    `Call-ID: ${ids.callId}`,
    `CSeq: ${ids.cseq} OPTIONS`,
    `Contact: <sip:switchboard@${self}>`,
    'Accept: application/sdp',
    `User-Agent: ${USER_AGENT}`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}
