import { GatewayIntentBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, people, startHarness, textOf } from './harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function answersAgain(): Promise<void> {
  const sent = h.slash(['fleet', 'zones'], {}, people.vic);
  expect((await sent.callback()).body).toMatchObject({ type: 5 });
  expect(textOf((await sent.edit()).body)).toContain('Amsterdam');
}

describe('the gateway connection', () => {
  it('identifies with the Guilds intent only: no privileged intent', () => {
    const identify = h.standIn.gateway.received.find((frame) => frame.op === 2)!;
    expect((identify.d as { intents: number }).intents).toBe(GatewayIntentBits.Guilds);
  });

  it('resumes after Discord closes the connection with 4000, and answers again', async () => {
    const resumed = h.standIn.gateway.nextSession();
    h.standIn.gateway.drop({ code: 4000 });
    await resumed;
    expect(h.standIn.gateway.sessions.resumed).toBe(1);
    await answersAgain();
  });

  it('resumes after the socket drops without a close frame, and answers again', async () => {
    const resumed = h.standIn.gateway.nextSession();
    h.standIn.gateway.drop('socket');
    await resumed;
    expect(h.standIn.gateway.sessions.resumed).toBe(2);
    await answersAgain();
  });

  it('starts a new session when Discord says the session cannot be resumed (4007), and answers again', async () => {
    const session = h.standIn.gateway.nextSession();
    h.standIn.gateway.drop({ code: 4007 });
    await session;
    expect(h.standIn.gateway.sessions.identified).toBe(2);
    await answersAgain();
  });
});
