import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from './reply.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** How a request proved who it is; see http/auth.ts. */
export type Credential = 'basic' | 'password-token' | 'access-token' | 'refresh-token';

export interface RequestContext {
  /** `:name` segments, always whole numbers. */
  params: Record<string, number>;
  query: Record<string, string>;
  body: unknown;
  headers: IncomingHttpHeaders;
}

export interface Route {
  method: Method;
  /** Relative to the base URL, e.g. `setup/server/:id/action`. */
  path: string;
  /** Credentials this route takes; by default everything but a refresh token. */
  accepts?: readonly Credential[];
  handler(request: RequestContext): Reply | Promise<Reply>;
}

export type Match =
  | { kind: 'found'; route: Route; params: Record<string, number> }
  | { kind: 'wrong-method'; allow: Method[] }
  | { kind: 'unknown' };

function matchPath(pattern: string, path: string): Record<string, number> | undefined {
  const want = pattern.split('/');
  const got = path.split('/');
  if (want.length !== got.length) return undefined;
  const params: Record<string, number> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i]!;
    if (segment.startsWith(':')) {
      if (!/^\d+$/.test(actual)) return undefined;
      params[segment.slice(1)] = Number(actual);
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
}

/** A small route table: first match wins, so literal paths go before `:id` ones. */
export class Router {
  constructor(private readonly routes: readonly Route[]) {}

  match(method: string, path: string): Match {
    const allow: Method[] = [];
    for (const route of this.routes) {
      const params = matchPath(route.path, path);
      if (!params) continue;
      if (route.method === method) return { kind: 'found', route, params };
      allow.push(route.method);
    }
    return allow.length > 0 ? { kind: 'wrong-method', allow } : { kind: 'unknown' };
  }
}
