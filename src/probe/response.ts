import { z } from 'zod';

/** Larger than any SIP answer to an OPTIONS that fits a UDP path (RFC 3261 §18.1.1 keeps requests under 1,300 bytes). */
export const MAX_RESPONSE_BYTES = 8_192;

const MAX_STATUS_LINE = 120;

type Wanted = 'via' | 'call-id' | 'cseq';

/** The headers a probe reads, by long and compact name (RFC 3261 §7.3.3; CSeq has no compact form). */
const WANTED = new Map<string, Wanted>([
  ['via', 'via'],
  ['v', 'via'],
  ['call-id', 'call-id'],
  ['i', 'call-id'],
  ['cseq', 'cseq'],
]);

/** What a probe needs of a response: its status and the fields that match it to a transaction. */
export const SipResponse = z.object({
  status: z.number().int().min(100).max(699),
  statusLine: z.string().min(1),
  /** The branch of the top Via: the transaction it answers. */
  branch: z.string().min(1),
  callId: z.string().min(1),
  cseq: z.object({
    number: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1),
    method: z.string().min(1),
  }),
});
export type SipResponse = z.infer<typeof SipResponse>;

const LINE_END = /\r?\n/;
const STATUS_LINE = /^SIP\/2\.0 (\d{3})(?: (.*))?$/i;
const CSEQ = /^(\d+)[ \t]+(\S+)$/;
const BRANCH = /;[ \t]*branch[ \t]*=[ \t]*([^;, \t]+)/i;

/** Header lines with folded continuations (lines starting with a space or tab) joined, RFC 3261 §7.3.1. */
function unfold(lines: readonly string[]): string[] {
  const joined: string[] = [];
  for (const line of lines) {
    if (/^[ \t]/.test(line) && joined.length > 0) joined[joined.length - 1] += ` ${line.trim()}`;
    else joined.push(line);
  }
  return joined;
}

/**
 * The first value of each wanted header among the lines after the status line; a Via line may hold several Vias, the first is the top
 * one. Other headers and lines that are no header are passed over.
 */
function wantedHeaders(lines: readonly string[]): Partial<Record<Wanted, string>> {
  const found: Partial<Record<Wanted, string>> = {};
  for (const line of unfold(lines.slice(1))) {
    const colon = line.indexOf(':');
    const name = colon > 0 ? WANTED.get(line.slice(0, colon).trim().toLowerCase()) : undefined;
    if (name && found[name] === undefined) found[name] = line.slice(colon + 1).trim();
  }
  return found;
}

/** The peer's text, made safe to show: no control characters, bounded length. */
function printable(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return clean.length > MAX_STATUS_LINE ? `${clean.slice(0, MAX_STATUS_LINE - 1)}…` : clean;
}

/**
 * The response in a datagram, or null for anything else: a request, an unparsable or oversized
 * datagram, or a response missing what matches it to a transaction. Never throws.
 */
export function parseResponse(datagram: Buffer): SipResponse | null {
  if (datagram.byteLength > MAX_RESPONSE_BYTES) return null;
  const text = datagram.toString('utf8');
  const lines = text.split(LINE_END);
  const blank = lines.indexOf('');
  const first = lines[0]!;
  const status = STATUS_LINE.exec(first.trim());
  if (!status) return null;
  // The body (after the first empty line) is never read as headers.
  const headers = wantedHeaders(blank < 0 ? lines : lines.slice(0, blank));
  const topVia = headers.via?.split(',')[0] ?? '';
  const cseq = CSEQ.exec(headers.cseq ?? '');
  const parsed = SipResponse.safeParse({
    status: Number(status[1]),
    statusLine: printable(first),
    branch: BRANCH.exec(topVia)?.[1],
    callId: headers['call-id'],
    cseq: cseq ? { number: Number(cseq[1]), method: cseq[2]!.toUpperCase() } : undefined,
  });
  return parsed.success ? parsed.data : null;
}
