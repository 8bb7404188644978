import { describe, expect, it } from 'vitest';
import { CREDENTIALS_REJECTED } from '../../src/controlplane/failures.js';
import { aServer } from './fixtures.js';
import { failureOf, useStandIns } from './harness.js';
import { sendJson, sendText } from './stand-in.js';

const connect = useStandIns();

const HTML_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

describe('answers that are not what the contract says', () => {
  it('reports garbage JSON as an invalid response, without retrying it', async () => {
    const { client, standIn } = await connect((_req, res) =>
      sendText(res, 200, '{"id": 1, oops', 'application/json'),
    );
    const error = await failureOf(client.getServer(1));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe(
      'The control plane answered GET setup/server/1 with something that is not JSON',
    );
    expect(standIn.seen).toHaveLength(1);
  });

  it('names an HTML page answered with 200 instead of showing it', async () => {
    const { client } = await connect((_req, res) =>
      sendText(res, 200, '<html><body>Log in</body></html>', 'text/html'),
    );
    const error = await failureOf(client.getAccount());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe('The control plane answered GET setup/account with an HTML page');
  });

  it('turns an HTML error page into its status line', async () => {
    const { client } = await connect((_req, res) => sendText(res, 502, HTML_PAGE, 'text/html'), {
      retries: 0,
    });
    const error = await failureOf(client.listZones());
    expect(error).toMatchObject({
      kind: 'server',
      status: 502,
      message: 'The control plane answered 502 Bad Gateway',
    });
  });

  it('names the field path of a missing field', async () => {
    const servers = [1, 2, 3, 4, 5].map((id) => aServer(id));
    const { channels: _dropped, ...withoutChannels } = servers[3]!;
    const { client } = await connect((_req, res) =>
      sendJson(res, 200, servers.with(3, withoutChannels as never)),
    );
    const error = await failureOf(client.listServers());
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe(
      'Unexpected answer from the control plane to GET setup/server: servers[3].channels: missing (expected number)',
    );
  });

  it('names the field path and both types of a mistyped field, and counts the other problems', async () => {
    const servers = [1, 2, 3].map((id) => aServer(id));
    const broken = servers.map((s, i) => (i === 0 ? s : { ...s, config: { ...s.config, tls: 'yes' } }));
    const { client } = await connect((_req, res) => sendJson(res, 200, broken));
    const error = await failureOf(client.listServers());
    expect(error.message).toBe(
      'Unexpected answer from the control plane to GET setup/server: servers[1].config.tls: expected boolean, got string (and 1 more problem)',
    );
  });

  it('lists the allowed values of an enum field', async () => {
    const { client } = await connect((_req, res) =>
      sendJson(res, 200, aServer(7, { status: 'melting' as never })),
    );
    const error = await failureOf(client.getServer(7));
    expect(error.message).toContain(
      'server.status: expected one of "active", "inactive", "expired", "deploying" (+6 more)',
    );
  });

  it('tolerates unknown extra fields and drops them', async () => {
    const extended = { ...aServer(1), colour: 'blue', config: { ...aServer(1).config, future_flag: true } };
    const { client } = await connect((_req, res) => sendJson(res, 200, [extended]));
    const [server] = await client.listServers();
    expect(server).toEqual(aServer(1));
  });
});

describe('error statuses', () => {
  it('401 says which credentials to check', async () => {
    const { client } = await connect((_req, res) => sendText(res, 401, ''));
    const error = await failureOf(client.getAccount());
    expect(error).toMatchObject({ kind: 'auth', status: 401, message: CREDENTIALS_REJECTED });
  });

  it('403 speaks of the API user permissions, and quotes the reason given', async () => {
    const { client } = await connect((_req, res) =>
      sendJson(res, 403, { error: 'group "ops" may not deploy' }),
    );
    const error = await failureOf(client.deployServer({ zone: 'UK', alias: 'a', type: 'switch' }));
    expect(error).toMatchObject({ kind: 'auth', status: 403 });
    expect(error.message).toBe(
      `ConnexCS refused POST setup/server: the API user's group lacks that permission: group "ops" may not deploy`,
    );
  });

  it('404 carries the {error} text', async () => {
    const { client } = await connect((_req, res) => sendJson(res, 404, { error: 'No server with id 99' }));
    const error = await failureOf(client.getServer(99));
    expect(error).toMatchObject({ kind: 'not-found', status: 404, message: 'No server with id 99' });
  });

  it('404 without a body names the path', async () => {
    const { client } = await connect((_req, res) => sendText(res, 404, ''));
    const error = await failureOf(client.getJob(5));
    expect(error.message).toBe('The control plane has no setup/job/5');
  });

  it.each([
    [400, { error: 'tls needs an fqdn: set fqdn first' }, 'tls needs an fqdn: set fqdn first'],
    [
      402,
      { error: 'Balance too low: $60.00 needed, $12.50 available' },
      'Balance too low: $60.00 needed, $12.50 available',
    ],
    [409, { message: 'server 4 is already stopped' }, 'server 4 is already stopped'],
  ])('%i carries the server message for the user', async (status, body, message) => {
    const { client } = await connect((_req, res) => sendJson(res, status, body));
    const error = await failureOf(client.serverAction(4, 'stop'));
    expect(error).toMatchObject({ kind: 'rejected', status, message });
  });

  it('trims and caps a plain-text error body to one short line', async () => {
    const { client } = await connect((_req, res) =>
      sendText(res, 400, `\n  bad\tvalue\n${'x'.repeat(500)}  \n`),
    );
    const error = await failureOf(client.updateServer(1, { tls: true }));
    expect(error.message).toMatch(/^bad value x+…$/);
    expect(error.message.length).toBe(200);
  });

  it('does not quote a JSON body that is not an error shape', async () => {
    const { client } = await connect((_req, res) => sendJson(res, 422, { code: 17, detail: ['x'] }));
    const error = await failureOf(client.createCluster('east'));
    expect(error.message).toBe('The control plane rejected POST setup/cluster (422 Unprocessable Entity)');
  });

  it('names a redirect instead of following it', async () => {
    const { client } = await connect((_req, res) => {
      res.writeHead(302, { location: 'https://login.example/' });
      res.end();
    });
    const error = await failureOf(client.listClusters());
    expect(error).toMatchObject({ kind: 'invalid-response', status: 302 });
    expect(error.message).toBe(
      'The control plane answered 302 Found to GET setup/cluster (a redirect: check the control-plane base URL)',
    );
  });
});
