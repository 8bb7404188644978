import { STATUS_CODES } from 'node:http';
import { ErrorBody } from '../domain/schemas.js';
import { ControlPlaneError } from './errors.js';

/** Turns what went wrong with one HTTP exchange into a ControlPlaneError whose message a chat user can read. */

export interface RequestLine {
  method: string;
  path: string;
}

export interface Timeouts {
  connectMs: number;
  headersMs: number;
  bodyMs: number;
}

export const CREDENTIALS_REJECTED =
  'ConnexCS rejected the credentials: check CONNEXCS_USERNAME/CONNEXCS_PASSWORD or CONNEXCS_TOKEN';

const SERVER_TEXT_MAX = 200;

function statusLine(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

function looksLikeHtml(body: string, contentType: string | undefined): boolean {
  return /html|xml/i.test(contentType ?? '') || body.trimStart().startsWith('<');
}

/** What the server said about an error, fit to quote: `{error}` or `{message}`, else short plain text; never HTML or raw JSON. */
function serverText(body: string, contentType: string | undefined): string | undefined {
  const trimmed = body.trim();
  if (!trimmed || looksLikeHtml(trimmed, contentType)) return undefined;
  if (/^[[{]/.test(trimmed)) return quotableJsonError(trimmed);
  return cap(trimmed);
}

function quotableJsonError(json: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return undefined;
  }
  const parsed = ErrorBody.safeParse(value);
  if (!parsed.success) return undefined;
  const text = 'error' in parsed.data ? parsed.data.error : parsed.data.message;
  return text.trim() ? cap(text) : undefined;
}

function cap(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what must not reach a chat message
  const oneLine = text.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim();
  return oneLine.length > SERVER_TEXT_MAX ? `${oneLine.slice(0, SERVER_TEXT_MAX - 1)}…` : oneLine;
}

function withDetail(message: string, detail: string | undefined): string {
  return detail ? `${message}: ${detail}` : message;
}

/** An answer outside 2xx. */
export function errorFromStatus(
  status: number,
  body: string,
  contentType: string | undefined,
  request: RequestLine,
): ControlPlaneError {
  const text = serverText(body, contentType);
  const fail = (kind: ControlPlaneError['kind'], message: string) =>
    new ControlPlaneError(kind, message, status);
  if (status === 401) return fail('auth', withDetail(CREDENTIALS_REJECTED, text));
  if (status === 403) {
    return fail(
      'auth',
      withDetail(
        `ConnexCS refused ${request.method} ${request.path}: the API user's group lacks that permission`,
        text,
      ),
    );
  }
  if (status === 404) return fail('not-found', text ?? `The control plane has no ${request.path}`);
  if (status === 429)
    return fail('rate-limited', withDetail('The control plane is rate limiting requests', text));
  if (status >= 500)
    return fail('server', withDetail(`The control plane answered ${statusLine(status)}`, text));
  if (status >= 400) {
    return fail(
      'rejected',
      text ?? `The control plane rejected ${request.method} ${request.path} (${statusLine(status)})`,
    );
  }
  const redirect = status >= 300 ? ' (a redirect: check the control-plane base URL)' : '';
  return fail(
    'invalid-response',
    `The control plane answered ${statusLine(status)} to ${request.method} ${request.path}${redirect}`,
  );
}

/** A request that got no complete answer. `maybeSent` is false only when the request surely never left. */
export interface TransportFailure {
  error: ControlPlaneError;
  maybeSent: boolean;
}

const NOT_SENT_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CLOSED: 'the client is closed',
  UND_ERR_DESTROYED: 'the client is closed',
};

const BROKEN_CODES: Record<string, string> = {
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the answer was cut short',
};

/**
 * Undici and node errors carry a `code`; happy-eyeballs connects fail with an AggregateError whose
 * parts carry it. An error with no code is a bug of ours, and is rethrown as it is.
 */
function errorCode(cause: unknown): string | undefined {
  if (typeof cause !== 'object' || cause === null) return undefined;
  const { code, errors } = cause as { code?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  return Array.isArray(errors) ? errorCode(errors[0]) : undefined;
}

export function failureFromError(cause: unknown, where: string, timeouts: Timeouts): TransportFailure {
  const code = errorCode(cause);
  if (code === undefined || code === 'UND_ERR_INVALID_ARG') throw cause;
  const timeout = (message: string, maybeSent: boolean) => ({
    error: new ControlPlaneError('timeout', message),
    maybeSent,
  });
  if (code === 'UND_ERR_CONNECT_TIMEOUT') {
    return timeout(
      `Could not connect to the control plane at ${where} within ${duration(timeouts.connectMs)}`,
      false,
    );
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT') {
    return timeout(
      `The control plane at ${where} did not answer within ${duration(timeouts.headersMs)}`,
      true,
    );
  }
  if (code === 'UND_ERR_BODY_TIMEOUT') {
    return timeout(
      `The control plane at ${where} stopped sending its answer (nothing for ${duration(timeouts.bodyMs)})`,
      true,
    );
  }
  const notSent =
    NOT_SENT_CODES[code] ?? (/CERT|TLS|SSL/.test(code) ? `TLS certificate problem (${code})` : undefined);
  if (notSent)
    return {
      error: new ControlPlaneError('network', `Could not reach the control plane at ${where}: ${notSent}`),
      maybeSent: false,
    };
  const broken = BROKEN_CODES[code] ?? code;
  return {
    error: new ControlPlaneError(
      'network',
      `The connection to the control plane at ${where} broke: ${broken}`,
    ),
    maybeSent: true,
  };
}

export function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}
