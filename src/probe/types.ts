/** Where a SIP OPTIONS probe goes: a server's IP and one of its SIP UDP ports. */
export interface ProbeTarget {
  host: string;
  port: number;
}

/** The answer of a probe: a final SIP response, silence until the timeout, or a local failure to send. */
export type ProbeResult =
  | {
      outcome: 'answered';
      target: ProbeTarget;
      /** From the first transmission to the final response, so lost datagrams count. */
      rttMs: number;
      status: number;
      /** "SIP/2.0 200 OK", as the peer wrote it (control characters removed, length capped). */
      statusLine: string;
      /** How many times the request went out before the answer (1: no retransmission). */
      transmissions: number;
    }
  | { outcome: 'timeout'; target: ProbeTarget; waitedMs: number; transmissions: number }
  | { outcome: 'error'; target: ProbeTarget; message: string };

/** What commands and the schedule use: `SipProber` implements it. */
export interface Prober {
  probe(target: ProbeTarget): Promise<ProbeResult>;
}
