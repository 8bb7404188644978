import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../api-error.js';
import { AUTH_CHALLENGE, type Credentials, identify } from './auth.js';
import type { Faults } from './faults.js';
import { readJsonBody } from './input.js';
import { errorReply, type Reply, send } from './reply.js';
import type { Credential, Router } from './router.js';
import type { TokenIssuer } from './tokens.js';

export const BASE_PATH = '/api/cp/';
const SIM_PREFIX = '_sim/';
const DEFAULT_ACCEPTS: readonly Credential[] = ['basic', 'password-token', 'access-token'];
const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'DELETE']);

export interface ListenerDeps {
  router: Router;
  credentials: Credentials;
  tokens: TokenIssuer;
  faults: Faults;
}

async function answer(req: IncomingMessage, deps: ListenerDeps): Promise<Reply> {
  const url = new URL(req.url ?? '/', 'http://embedded');
  if (!url.pathname.startsWith(BASE_PATH)) {
    return errorReply(404, `No such path ${url.pathname}: the API lives under ${BASE_PATH}.`);
  }
  const path = url.pathname.slice(BASE_PATH.length).replace(/\/+$/, '');
  const method = req.method ?? 'GET';
  const match = deps.router.match(method, path);
  const accepts = (match.kind === 'found' && match.route.accepts) || DEFAULT_ACCEPTS;
  const credential = identify(req.headers.authorization, deps.credentials, deps.tokens);
  if (!credential || !accepts.includes(credential)) {
    return errorReply(401, 'Unauthorized: send HTTP Basic credentials or a bearer token.', {
      'www-authenticate': AUTH_CHALLENGE,
    });
  }
  if (!path.startsWith(SIM_PREFIX)) {
    const fault = await deps.faults.apply();
    if (fault) return fault;
  }
  if (match.kind === 'unknown') return errorReply(404, `No such path: ${method} ${url.pathname}.`);
  if (match.kind === 'wrong-method') {
    return errorReply(405, `${method} is not allowed on ${url.pathname}; use ${match.allow.join(' or ')}.`, {
      allow: match.allow.join(', '),
    });
  }
  const body = METHODS_WITH_BODY.has(method) ? await readJsonBody(req) : undefined;
  return match.route.handler({
    params: match.params,
    query: Object.fromEntries(url.searchParams),
    body,
    headers: req.headers,
  });
}

/** The node:http listener: base path, authentication, faults, routing, errors as `{error}`. */
export function createListener(deps: ListenerDeps) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    answer(req, deps)
      .catch((error: unknown): Reply => {
        if (error instanceof ApiError) return errorReply(error.status, error.message, error.headers);
        return errorReply(500, `Internal error in the embedded control plane: ${(error as Error).message}`);
      })
      .then((reply) => send(res, reply));
  };
}
