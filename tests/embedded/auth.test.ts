import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Account, ErrorBody } from '../../src/domain/schemas.js';
import { type Api, basicAuth, startTestPlane } from './helpers.js';

let api: Api;
beforeAll(async () => {
  api = await startTestPlane({ username: 'ops', password: 's3cret-pass' });
});
afterAll(() => api.plane.close());

describe('authentication', () => {
  it('answers 401 with a challenge when no credentials are sent', async () => {
    const answer = await api.get('setup/account', { authorization: null });
    expect(answer.status).toBe(401);
    expect(answer.headers['www-authenticate']).toMatch(/^Basic realm=/);
    expect(ErrorBody.parse(answer.json)).toBeTruthy();
  });

  it.each([
    ['a wrong password', basicAuth('ops', 'nope')],
    ['a wrong user', basicAuth('someone', 's3cret-pass')],
    ['a wrong bearer token', 'Bearer not-the-token'],
    ['an unknown scheme', 'Digest abc'],
  ])('answers 401 to %s', async (_name, authorization) => {
    expect((await api.get('setup/account', { authorization })).status).toBe(401);
  });

  it('asks for credentials on _sim paths and unknown paths too', async () => {
    expect((await api.post('_sim/tick', { seconds: 1 }, { authorization: null })).status).toBe(401);
    expect((await api.get('setup/nothing-here', { authorization: null })).status).toBe(401);
  });

  it('accepts Basic credentials and the password as a bearer token', async () => {
    expect(Account.parse((await api.get('setup/account')).json).name).toBe('Quokka Telecom');
    expect((await api.get('setup/account', { authorization: 'Bearer s3cret-pass' })).status).toBe(200);
  });

  it('trades Basic credentials for a refresh token, and that for an access token', async () => {
    const refresh = await api.post('auth/jwt/refresh', { lifetime: 3600, audience: 'switchboard-tests' });
    expect(refresh.status).toBe(200);
    const refreshToken: string = refresh.json.token;
    expect(refreshToken.split('.')).toHaveLength(3);
    // A refresh token buys access tokens and nothing else.
    expect((await api.get('setup/account', { authorization: `Bearer ${refreshToken}` })).status).toBe(401);
    const access = await api.get('auth/jwt', { authorization: `Bearer ${refreshToken}` });
    expect(access.status).toBe(200);
    const accessToken: string = access.json.token;
    expect((await api.get('setup/account', { authorization: `Bearer ${accessToken}` })).status).toBe(200);
    expect((await api.get('auth/jwt', { authorization: `Bearer ${accessToken}` })).status).toBe(401);
    const claims = JSON.parse(Buffer.from(accessToken.split('.')[1]!, 'base64url').toString());
    expect(claims.aud).toBe('switchboard-tests');
  });

  it('refuses a tampered token', async () => {
    const access = await api.get('auth/jwt', {
      authorization: `Bearer ${(await api.post('auth/jwt/refresh', { lifetime: 600, audience: 'x' })).json.token}`,
    });
    const [header, , signature] = (access.json.token as string).split('.');
    const forged = Buffer.from(
      JSON.stringify({ sub: 'ops', aud: 'x', typ: 'access', exp: 4102444800 }),
    ).toString('base64url');
    expect(
      (await api.get('setup/account', { authorization: `Bearer ${header}.${forged}.${signature}` })).status,
    ).toBe(401);
  });
});

describe('routing and bodies', () => {
  it('answers 404 {error} for unknown paths and paths outside the base', async () => {
    const unknown = await api.get('setup/nothing-here');
    expect(unknown.status).toBe(404);
    expect(ErrorBody.parse(unknown.json)).toBeTruthy();
    const outside = await api.get('/elsewhere');
    expect(outside.status).toBe(404);
  });

  it('answers 405 with Allow for a wrong method', async () => {
    const answer = await api.delete('setup/account');
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET');
    expect(answer.json.error).toContain('GET');
  });

  it('answers 400 to a body that is not JSON', async () => {
    const answer = await api.call('POST', 'setup/cluster', { rawBody: '{name: nope' });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/not JSON/);
  });

  it('names the missing or unknown field', async () => {
    expect((await api.post('setup/cluster', {})).json.error).toBe('name is required');
    const unknown = await api.post('setup/cluster', { name: 'x', colour: 'red' });
    expect(unknown.status).toBe(400);
    expect(unknown.json.error).toMatch(/unknown field "colour"; known fields: name/);
    expect((await api.post('setup/cluster')).json.error).toBe('a JSON object body is required');
  });
});
