import { request } from 'undici';
import { Server, ServerList } from '../../src/domain/schemas.js';
import {
  type EmbeddedControlPlane,
  type EmbeddedControlPlaneOptions,
  startEmbeddedControlPlane,
} from '../../src/embedded/server.js';

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape and parse them with schemas
  json: any;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text, sent as is. */
  rawBody?: string;
  /** Authorization header; default Basic with the plane's credentials; null sends none. */
  authorization?: string | null;
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/** A small HTTP client over the real socket, the way any client of the contract talks to it. */
export class Api {
  constructor(readonly plane: EmbeddedControlPlane) {}

  async call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    options: CallOptions = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = {};
    const authorization =
      options.authorization === undefined
        ? basicAuth(this.plane.username, this.plane.password)
        : options.authorization;
    if (authorization !== null) headers.authorization = authorization;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await request(new URL(path, this.plane.url), { method, headers, body });
    const text = await response.body.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.statusCode, headers: response.headers, text, json };
  }

  get(path: string, options?: CallOptions) {
    return this.call('GET', path, options);
  }
  post(path: string, body?: unknown, options?: CallOptions) {
    return this.call('POST', path, { ...options, body });
  }
  put(path: string, body?: unknown, options?: CallOptions) {
    return this.call('PUT', path, { ...options, body });
  }
  delete(path: string, options?: CallOptions) {
    return this.call('DELETE', path, options);
  }

  async servers(query = ''): Promise<Server[]> {
    const answer = await this.get(`setup/server${query}`);
    if (answer.status !== 200) throw new Error(`GET setup/server${query}: ${answer.status} ${answer.text}`);
    return ServerList.parse(answer.json);
  }

  async server(id: number): Promise<Server> {
    const answer = await this.get(`setup/server/${id}`);
    if (answer.status !== 200) throw new Error(`GET setup/server/${id}: ${answer.status} ${answer.text}`);
    return Server.parse(answer.json);
  }

  async byAlias(alias: string): Promise<Server> {
    const found = (await this.servers()).find((server) => server.alias === alias);
    if (!found) throw new Error(`no server ${alias} in the fleet`);
    return found;
  }

  async tick(seconds: number): Promise<void> {
    const answer = await this.post('_sim/tick', { seconds });
    if (answer.status !== 200) throw new Error(`tick: ${answer.status} ${answer.text}`);
  }
}

/** A plane on 127.0.0.1:0 with a stopped clock (tests move time with ticks), and its client. */
export async function startTestPlane(options: EmbeddedControlPlaneOptions = {}): Promise<Api> {
  const plane = await startEmbeddedControlPlane({ clock: { running: false }, ...options });
  return new Api(plane);
}
