import { randomUUID } from 'node:crypto';
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

/**
 * 122 random bits as 32 hex digits. randomUUID draws from a cached entropy pool: a fleet's round
 * of probes costs no system call per id (randomBytes would).
 */
const token = () => randomUUID().replace(/-/g, '');

/** A fresh transaction: new branch, Call-ID, From tag and a CSeq below 2^31 (§8.1.1.5). */
export function newTransactionIds(): TransactionIds {
  const extra = token();
  return {
    branch: `${BRANCH_COOKIE}${token()}`,
    callId: `${token()}@switchboard`,
    // Digits 12 and 16 carry the UUID's version and variant: only the others are random.
    cseq: 1 + (Number.parseInt(extra.slice(0, 8), 16) % (CSEQ_LIMIT - 1)),
    fromTag: extra.slice(20),
  };
}

/** IPv6 addresses (the only ones with a colon) are bracketed in SIP URIs and Via (RFC 3261 §25.1, RFC 5118). */
function hostPart(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
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
