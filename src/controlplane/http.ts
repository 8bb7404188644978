import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { Pool } from 'undici';
import { ControlPlaneError } from './errors.js';
import { duration, errorFromStatus, failureFromError, type RequestLine, type Timeouts } from './failures.js';
import { type BackoffPolicy, backoffDelayMs, parseRetryAfterMs } from './retry.js';

export type Auth = { username: string; password: string } | { token: string };

/** One HTTP attempt, as metrics and logs see it. `status` is 0 when no answer arrived; `error` is the chat-safe message. */
export interface RequestEvent {
  method: string;
  path: string;
  status: number;
  ms: number;
  attempt: number;
  error?: string;
}

export interface TransportConfig {
  /** Ends with a slash and carries no credentials. */
  baseUrl: URL;
  auth: Auth;
  timeouts: Timeouts;
  /** How many times a failed GET is tried again. */
  retries: number;
  backoff: BackoffPolicy;
  onRequest?: (event: RequestEvent) => void;
}

/** A 2xx answer, body read once as text. */
export interface Answer {
  status: number;
  text: string;
}

export type Query = Record<string, string | number | undefined>;
export type WriteMethod = 'POST' | 'PUT' | 'DELETE';

type Failure = { error: ControlPlaneError; retryable: boolean; maybeSent: boolean; retryAfterMs?: number };
type Attempt = { answer: Answer } | Failure;

const MAYBE_APPLIED = 'the change may or may not have been made: check before trying again';

/** HTTP to the control plane: one keep-alive pool, timeouts, retries for reads only, errors a chat user can read. */
export class HttpTransport {
  private readonly pool: Pool;
  private readonly headers: Record<string, string>;
  private readonly secrets: string[];
  private readonly shutdown = new AbortController();
  private closing: Promise<void> | undefined;

  constructor(private readonly config: TransportConfig) {
    const { connectMs, headersMs, bodyMs } = config.timeouts;
    this.pool = new Pool(config.baseUrl.origin, {
      connectTimeout: connectMs,
      headersTimeout: headersMs,
      bodyTimeout: bodyMs,
    });
    const { authorization, secrets } = authorizationOf(config.auth);
    this.headers = { authorization, accept: 'application/json', 'user-agent': 'switchboard' };
    this.secrets = secrets;
  }

  /** A GET, tried again on network errors, timeouts, 5xx and 429 up to `retries` times. */
  async get(path: string, query?: Query): Promise<Answer> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.attempt({ method: 'GET', path }, query, undefined, attempt);
      if ('answer' in result) return result.answer;
      const delayMs = this.retryDelayMs(result, attempt);
      if (delayMs === undefined) throw this.gaveUp(result, attempt);
      await this.pause(delayMs);
    }
  }

  /** A write, sent once: a write that failed is reported, never repeated blindly. */
  async send(method: WriteMethod, path: string, body?: unknown): Promise<Answer> {
    const result = await this.attempt({ method, path }, undefined, body, 1);
    if ('answer' in result) return result.answer;
    throw this.writeFailed(result);
  }

  /** Stops pending retries and waits for requests in flight to end. Calling it again waits for the same end. */
  close(): Promise<void> {
    if (!this.closing) {
      this.shutdown.abort();
      this.closing = this.pool.close();
    }
    return this.closing;
  }

  private async attempt(
    request: RequestLine,
    query: Query | undefined,
    body: unknown,
    attempt: number,
  ): Promise<Attempt> {
    const started = performance.now();
    let status = 0;
    let result: Attempt;
    try {
      const response = await this.pool.request({
        method: request.method as 'GET' | WriteMethod,
        path: this.config.baseUrl.pathname + request.path + queryString(query),
        headers: body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      status = response.statusCode;
      result = outcomeOf(request, status, await response.body.text(), response.headers);
    } catch (cause) {
      const { error, maybeSent } = failureFromError(cause, this.config.baseUrl.href, this.config.timeouts);
      result = { error, maybeSent, retryable: !this.shutdown.signal.aborted };
    }
    this.report(request, status, performance.now() - started, attempt, result);
    return result;
  }

  /** Undefined: give up. A `Retry-After` is honoured as it is, unless it is longer than the cap. */
  private retryDelayMs(failure: Failure, attempt: number): number | undefined {
    if (!failure.retryable || attempt > this.config.retries) return undefined;
    const { backoff } = this.config;
    if (failure.retryAfterMs === undefined) return backoffDelayMs(backoff, attempt);
    return failure.retryAfterMs <= backoff.retryAfterMaxMs ? failure.retryAfterMs : undefined;
  }

  private async pause(ms: number): Promise<void> {
    try {
      await sleep(ms, undefined, { signal: this.shutdown.signal });
    } catch {
      throw new ControlPlaneError('network', 'The control-plane client was closed while waiting to retry');
    }
  }

  private gaveUp(failure: Failure, attempts: number): ControlPlaneError {
    const { error } = failure;
    const tries = attempts > 1 ? ` (tried ${attempts} times)` : '';
    const later = failure.retryable ? tryAgainIn(failure.retryAfterMs) : '';
    return this.redacted(error.kind, `${error.message}${tries}${later}`, error.status);
  }

  private writeFailed(failure: Failure): ControlPlaneError {
    const { error } = failure;
    const unsure =
      failure.maybeSent && (error.kind === 'network' || error.kind === 'timeout' || error.kind === 'server');
    const suffix = unsure ? ` (${MAYBE_APPLIED})` : tryAgainIn(failure.retryAfterMs);
    return this.redacted(error.kind, `${error.message}${suffix}`, error.status);
  }

  private redacted(kind: ControlPlaneError['kind'], message: string, status: number): ControlPlaneError {
    return new ControlPlaneError(kind, this.redact(message), status);
  }

  /** Server text is quoted in messages, and a server may echo what it was sent: no secret leaves this class. */
  private redact(text: string): string {
    return this.secrets.reduce((out, secret) => out.replaceAll(secret, '***'), text);
  }

  private report(request: RequestLine, status: number, ms: number, attempt: number, result: Attempt): void {
    const { onRequest } = this.config;
    if (!onRequest) return;
    const event: RequestEvent = { method: request.method, path: request.path, status, ms, attempt };
    if ('error' in result) event.error = this.redact(result.error.message);
    try {
      onRequest(event);
    } catch {
      // A broken metrics or log hook must not turn a good answer into a failure.
    }
  }
}

function outcomeOf(
  request: RequestLine,
  status: number,
  text: string,
  headers: IncomingHttpHeaders,
): Attempt {
  if (status >= 200 && status < 300) return { answer: { status, text } };
  const contentType = headers['content-type'];
  return {
    error: errorFromStatus(status, text, Array.isArray(contentType) ? contentType[0] : contentType, request),
    retryable: status >= 500 || status === 429,
    maybeSent: true,
    retryAfterMs: parseRetryAfterMs(headers['retry-after']),
  };
}

function tryAgainIn(retryAfterMs: number | undefined): string {
  return retryAfterMs === undefined ? '' : `: try again in ${duration(retryAfterMs)}`;
}

function authorizationOf(auth: Auth): { authorization: string; secrets: string[] } {
  if ('token' in auth) return { authorization: `Bearer ${auth.token}`, secrets: [auth.token] };
  const encoded = Buffer.from(`${auth.username}:${auth.password}`).toString('base64');
  return { authorization: `Basic ${encoded}`, secrets: [auth.password, encoded].filter(Boolean) };
}

function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `?${text}` : '';
}
