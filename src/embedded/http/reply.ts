import type { ServerResponse } from 'node:http';

/** An answer ready to send: the body is JSON text already (lists are built as text, not re-serialised). */
export interface Reply {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

export function jsonReply(value: unknown, status = 200): Reply {
  return { status, body: JSON.stringify(value) };
}

export function rawJsonReply(text: string, status = 200): Reply {
  return { status, body: text };
}

/** The contract's write answer: `{"status":"OK", ...}`. */
export function okReply(fields: Record<string, unknown> = {}, status = 200): Reply {
  return jsonReply({ status: 'OK', ...fields }, status);
}

export function errorReply(status: number, error: string, headers: Record<string, string> = {}): Reply {
  return { status, body: JSON.stringify({ error }), headers };
}

export function send(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...reply.headers });
  res.end(reply.body);
}
