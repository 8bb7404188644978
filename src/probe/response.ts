import { z } from 'zod';

/** Larger than any SIP answer to an OPTIONS that fits a UDP path (RFC 3261 §18.1.1 keeps requests under 1,300 bytes). */
export const MAX_RESPONSE_BYTES = 8_192;

const MAX_STATUS_LINE = 120;

/** RFC 3261 §7.3.3: the compact forms of header names. */
const COMPACT_NAMES: Record<string, string> = {
  c: 'content-type',
  e: 'content-encoding',
  f: 'from',
  i: 'call-id',
  k: 'supported',
  l: 'content-length',
  m: 'contact',
  s: 'subject',
  t: 'to',
  v: 'via',
};

/** What a probe needs of a response: its status and the fields that match it to a transaction. */
export const SipResponse = z.object({
  status: z.number().int().min(100).max(699),
  statusLine: z.string().min(1),
  /** The branch of the top Via: the transaction it answers. */
  branch: z.string().min(1),
  callId: z.string().min(1),
  cseq: z.object({ number: z.number().int().min(0).max(2 ** 32 - 1), method: z.string().min(1) }),
});
export type SipResponse = z.infer<typeof SipResponse>;

const STATUS_LINE = /^SIP\/2\.0 (\d{3})(?: (.*))?$/i;
const HEADER = /^([!%'*+\-.0-9A-Z_`a-z~]+)[ \t]*:[ \t]*(.*)$/;
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
 * Header name (long form, lower case) to its values, in order; a header may appear more than once.
 * A line that is no header is skipped: the fields a probe needs are checked afterwards.
 */
function headersOf(lines: readonly string[]): Map<string, string[]> {
  const headers = new Map<string, string[]>();
  for (const line of unfold(lines)) {
    const match = HEADER.exec(line);
    if (!match) continue;
    const lower = match[1]!.toLowerCase();
    const name = COMPACT_NAMES[lower] ?? lower;
    headers.set(name, [...(headers.get(name) ?? []), match[2]!.trim()]);
  }
  return headers;
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
  const head = text.split(/\r?\n\r?\n/, 1)[0]!;
  const [first = '', ...lines] = head.split(/\r?\n/);
  const status = STATUS_LINE.exec(first.trim());
  if (!status) return null;
  const headers = headersOf(lines);
  // The top Via is the first value of the first Via header; several may share one line.
  const topVia = headers.get('via')?.[0]?.split(',')[0] ?? '';
  const cseq = CSEQ.exec(headers.get('cseq')?.[0] ?? '');
  const parsed = SipResponse.safeParse({
    status: Number(status[1]),
    statusLine: printable(first),
    branch: BRANCH.exec(topVia)?.[1],
    callId: headers.get('call-id')?.[0],
    cseq: cseq ? { number: Number(cseq[1]), method: cseq[2]!.toUpperCase() } : undefined,
  });
  return parsed.success ? parsed.data : null;
}
