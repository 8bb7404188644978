import { describe, expect, it } from 'vitest';
import { ControlPlaneClient, DEFAULT_BASE_URL } from '../../src/controlplane/client.js';
import type { ControlPlaneError } from '../../src/controlplane/errors.js';
import type { RequestEvent } from '../../src/controlplane/http.js';
import { aServer, PASSWORD, TOKEN } from './fixtures.js';
import { failureOf, useStandIns } from './harness.js';
import { type Route, sendJson, sendText } from './stand-in.js';

const connect = useStandIns();

const JOB = {
  id: 8,
  server_id: 3,
  action: 'restart',
  status: 'running',
  progress: 40,
  created: '2025-01-01T00:00:00Z',
  finished: null,
  error: null,
};

/** Answers each request by method and path (without the /api/cp/ base), 404 otherwise. */
function routes(table: Record<string, [number, unknown]>): Route {
  return (req, res) => {
    const path = req.url.replace(/^\/api\/cp\//, '').replace(/\?.*$/, '');
    const answer = table[`${req.method} ${path}`];
    if (answer?.[0] === 204) res.writeHead(204).end();
    else if (answer) sendJson(res, answer[0], answer[1]);
    else sendJson(res, 404, { error: `no route ${req.method} ${path}` });
  };
}

describe('authentication', () => {
  it('sends Basic credentials', async () => {
    const { client, standIn } = await connect(routes({ 'GET setup/zone': [200, []] }));
    await client.listZones();
    const expected = `Basic ${Buffer.from(`alice:${PASSWORD}`).toString('base64')}`;
    expect(standIn.seen[0]?.headers.authorization).toBe(expected);
  });

  it('sends a bearer token', async () => {
    const { client, standIn } = await connect(routes({ 'GET setup/zone': [200, []] }), {
      auth: { token: TOKEN },
    });
    await client.listZones();
    expect(standIn.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('never lets a password or token into an error message or a request event, even when the server echoes them', async () => {
    const basic = Buffer.from(`alice:${PASSWORD}`).toString('base64');
    // A careless server quotes the header it got, and what it decoded from it.
    const echo: Route = (req, res, count) => {
      const header = req.headers.authorization ?? '';
      const [scheme, credential = ''] = header.split(' ');
      const decoded = scheme === 'Basic' ? Buffer.from(credential, 'base64').toString() : credential;
      const said = `you sent ${header}, that is ${decoded}`;
      const status = [400, 401, 403, 404, 409, 500][(count - 1) % 6]!;
      if (count % 2) sendJson(res, status, { error: said });
      else sendText(res, status, said);
    };
    const events: RequestEvent[] = [];
    const onRequest = (event: RequestEvent) => events.push(event);
    const basicClient = (await connect(echo, { retries: 0, onRequest })).client;
    const tokenClient = (await connect(echo, { retries: 0, onRequest, auth: { token: TOKEN } })).client;
    const errors: ControlPlaneError[] = [];
    for (const client of [basicClient, tokenClient]) {
      for (let i = 0; i < 6; i++) errors.push(await failureOf(client.updateServer(1, { fqdn: 'a.example' })));
    }
    const texts = [...errors.map((e) => e.message), ...events.map((e) => e.error ?? '')];
    expect(texts).toHaveLength(24);
    for (const text of texts) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain(basic);
    }
    expect(errors[0]?.message).toBe('you sent Basic ***, that is alice:***');
    expect(errors[6]?.message).toBe('you sent Bearer ***, that is ***');
  });
});

describe('each method sends what the contract says and parses the answer', () => {
  const server = aServer(3);
  const table: Record<string, [number, unknown]> = {
    'GET setup/server': [200, [server]],
    'GET setup/server/3': [200, server],
    'PUT setup/server/3': [200, { status: 'OK' }],
    'POST setup/server': [201, { status: 'OK', id: 12, job_id: 40 }],
    'POST setup/server/3/action': [202, { status: 'OK', job_id: 41 }],
    'POST setup/server/9/member': [200, { status: 'OK' }],
    'DELETE setup/server/9/member/3': [204, ''],
    'GET setup/job/8': [200, JOB],
    'GET setup/job': [200, [JOB]],
    'GET setup/cluster': [200, [{ id: 1, name: 'east' }]],
    'POST setup/cluster': [200, { status: 'OK', id: 2 }],
    'GET setup/rtp': [200, [{ id: 1, ip: '10.1.1.1', alias: 'rtp-uk', zone: 'UK' }]],
    'GET setup/zone': [200, [{ id: 1, name: 'UK' }]],
    'GET setup/account': [
      200,
      { name: 'Acme', currency: 'USD', balance: 75.5, server_price: 20, getting_started_done: true },
    ],
  };

  it('reads', async () => {
    const { client, standIn } = await connect(routes(table));
    expect(await client.listServers({ status: 'inactive', zone: 'UK' })).toEqual([server]);
    expect(await client.getServer(3)).toEqual(server);
    expect(await client.getJob(8)).toEqual(JOB);
    expect(await client.listJobs(3)).toEqual([JOB]);
    expect(await client.listJobs()).toEqual([JOB]);
    expect(await client.listClusters()).toEqual([{ id: 1, name: 'east' }]);
    expect(await client.listRtpServers()).toEqual([{ id: 1, ip: '10.1.1.1', alias: 'rtp-uk', zone: 'UK' }]);
    expect(await client.listZones()).toEqual([{ id: 1, name: 'UK' }]);
    expect((await client.getAccount()).balance).toBe(75.5);
    expect(standIn.seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'GET /api/cp/setup/server?status=inactive&zone=UK',
      'GET /api/cp/setup/server/3',
      'GET /api/cp/setup/job/8',
      'GET /api/cp/setup/job?server_id=3',
      'GET /api/cp/setup/job',
      'GET /api/cp/setup/cluster',
      'GET /api/cp/setup/rtp',
      'GET /api/cp/setup/zone',
      'GET /api/cp/setup/account',
    ]);
    expect(standIn.seen.every((r) => r.headers.accept === 'application/json')).toBe(true);
  });

  it('writes', async () => {
    const { client, standIn } = await connect(routes(table));
    await client.updateServer(3, { tls: true, uac_auth: { username: 'u', password: 'p' } });
    expect(await client.deployServer({ zone: 'UK', alias: 'edge', type: 'switch' })).toEqual({
      status: 'OK',
      id: 12,
      job_id: 40,
    });
    expect(await client.serverAction(3, 'restart')).toEqual({ status: 'OK', job_id: 41 });
    await client.addMember(9, 3);
    await client.removeMember(9, 3);
    expect(await client.createCluster('west')).toEqual({ id: 2 });
    expect(standIn.seen.map((r) => [`${r.method} ${r.url}`, r.body])).toEqual([
      ['PUT /api/cp/setup/server/3', '{"tls":true,"uac_auth":{"username":"u","password":"p"}}'],
      ['POST /api/cp/setup/server', '{"zone":"UK","alias":"edge","type":"switch"}'],
      ['POST /api/cp/setup/server/3/action', '{"action":"restart"}'],
      ['POST /api/cp/setup/server/9/member', '{"server_id":3}'],
      ['DELETE /api/cp/setup/server/9/member/3', ''],
      ['POST /api/cp/setup/cluster', '{"name":"west"}'],
    ]);
    expect(standIn.seen[0]?.headers['content-type']).toBe('application/json');
  });

  it('rejects a write answered 2xx without the OK status', async () => {
    const { client } = await connect(routes({ 'POST setup/server/3/action': [202, { status: 'queued' }] }));
    const error = await failureOf(client.serverAction(3, 'stop'));
    expect(error.message).toBe(
      'Unexpected answer from the control plane to POST setup/server/3/action: answer.status: expected "OK" (and 1 more problem)',
    );
  });

  it('rejects an id that is not a record id before sending anything', async () => {
    const { client, standIn } = await connect(routes(table));
    await expect(client.getServer(Number.NaN)).rejects.toThrow('not a record id: NaN');
    await expect(client.getServer(-1)).rejects.toThrow('not a record id: -1');
    expect(standIn.seen).toHaveLength(0);
  });

  it('reports one event per request for metrics', async () => {
    const events: RequestEvent[] = [];
    const { client } = await connect(routes(table), { onRequest: (event) => events.push(event) });
    await client.getServer(3);
    await failureOf(client.getServer(4));
    expect(
      events.map(({ method, path, status, attempt, error }) => ({ method, path, status, attempt, error })),
    ).toEqual([
      { method: 'GET', path: 'setup/server/3', status: 200, attempt: 1, error: undefined },
      {
        method: 'GET',
        path: 'setup/server/4',
        status: 404,
        attempt: 1,
        error: 'no route GET setup/server/4',
      },
    ]);
    expect(events.every((e) => e.ms >= 0)).toBe(true);
  });

  it('keeps working when the event hook throws', async () => {
    const { client } = await connect(routes(table), {
      onRequest: () => {
        throw new Error('metrics are broken');
      },
    });
    await expect(client.getServer(3)).resolves.toEqual(server);
  });
});

describe('options', () => {
  const auth = { username: 'alice', password: PASSWORD };

  it('adds the trailing slash a base path needs, and exposes the base URL', async () => {
    const { standIn } = await connect(routes({ 'GET setup/zone': [200, []] }));
    const client = new ControlPlaneClient({ baseUrl: standIn.url.replace(/\/$/, ''), auth });
    try {
      await client.listZones();
      expect(client.baseUrl).toBe(standIn.url);
      expect(standIn.seen[0]?.url).toBe('/api/cp/setup/zone');
    } finally {
      await client.close();
    }
  });

  it('defaults to ConnexCS', () => {
    expect(DEFAULT_BASE_URL).toBe('https://app.connexcs.com/api/cp/');
  });

  it.each([
    [{ baseUrl: 'ftp://example.com/', auth }, 'must be an http:// or https:// URL'],
    [{ baseUrl: `https://alice:${PASSWORD}@example.com/`, auth }, 'must not carry credentials'],
    [{ baseUrl: DEFAULT_BASE_URL, auth: { username: 'alice', password: '' } }, 'auth'],
    [{ baseUrl: DEFAULT_BASE_URL, auth, retries: -1 }, 'retries'],
    [{ baseUrl: DEFAULT_BASE_URL, auth, timeouts: { headersMs: 0 } }, 'timeouts.headersMs'],
  ])('refuses bad options with a message naming the problem: %j', (options, problem) => {
    expect(() => new ControlPlaneClient(options)).toThrow(problem);
    expect(() => new ControlPlaneClient(options)).not.toThrow(PASSWORD);
  });
});
