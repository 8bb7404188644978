import { createHmac } from 'node:crypto';
import { request } from 'undici';

/** Requests as Slack sends them to the HTTP receiver, signed with the signing secret (TESTING.md). */

export const SIGNING_SECRET = 'test-signing-secret-1234';
export const TEAM = { id: 'T0TEAM', domain: 'quokka' };

export interface Person {
  id: string;
  name: string;
}

export const signature = (secret: string, timestamp: number, body: string) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

export interface Signing {
  /** Unix seconds; default now. */
  timestamp?: number;
  secret?: string;
}

export interface Answered {
  status: number;
  text: string;
}

export async function signedPost(
  url: string,
  body: string,
  contentType: string,
  signing: Signing = {},
): Promise<Answered> {
  const timestamp = signing.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await request(url, {
    method: 'POST',
    headers: {
      'content-type': contentType,
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': signature(signing.secret ?? SIGNING_SECRET, timestamp, body),
    },
    body,
  });
  return { status: response.statusCode, text: await response.body.text() };
}

export const FORM = 'application/x-www-form-urlencoded';

/** The fields of a `/cx` slash command. */
export function slashCommand(
  text: string,
  who: Person,
  channel: string,
  responseUrl: string,
): Record<string, string> {
  return {
    command: '/cx',
    text,
    user_id: who.id,
    user_name: who.name,
    channel_id: channel,
    channel_name: 'voice-ops',
    team_id: TEAM.id,
    team_domain: TEAM.domain,
    response_url: responseUrl,
    trigger_id: `trigger-${who.id}-${Date.now()}`,
    api_app_id: 'A0SWITCH',
    token: 'legacy-verification-token',
  };
}

export const formBody = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

export interface ClickedButton {
  value: string;
  actionId: string;
}

/** A block_actions payload: `who` clicked `button` on the message `ts` of `channel`. */
export function buttonClick(
  button: ClickedButton,
  who: Person,
  channel: string,
  ts: string,
  responseUrl: string,
): Record<string, unknown> {
  return {
    type: 'block_actions',
    user: { id: who.id, username: who.name, name: who.name, team_id: TEAM.id },
    api_app_id: 'A0SWITCH',
    token: 'legacy-verification-token',
    team: TEAM,
    channel: { id: channel, name: 'voice-ops' },
    container: { type: 'message', message_ts: ts, channel_id: channel, is_ephemeral: false },
    message: { type: 'message', ts, text: 'card' },
    trigger_id: `trigger-${who.id}`,
    response_url: responseUrl,
    actions: [
      {
        type: 'button',
        action_id: button.actionId,
        block_id: 'b1',
        value: button.value,
        action_ts: String(Date.now() / 1000),
        text: { type: 'plain_text', text: 'button' },
      },
    ],
  };
}

/** A view_submission payload of `view` (as views.open received it) with `values` as its state. */
export function viewSubmission(
  view: { callback_id?: unknown; private_metadata?: unknown },
  values: Record<string, Record<string, unknown>>,
  who: Person,
): Record<string, unknown> {
  return {
    type: 'view_submission',
    team: TEAM,
    user: { id: who.id, username: who.name, name: who.name, team_id: TEAM.id },
    api_app_id: 'A0SWITCH',
    token: 'legacy-verification-token',
    trigger_id: `trigger-${who.id}`,
    view: {
      id: 'V0FORM',
      team_id: TEAM.id,
      type: 'modal',
      callback_id: view.callback_id,
      private_metadata: view.private_metadata,
      state: { values },
      hash: 'h1',
      blocks: [],
    },
    response_urls: [],
  };
}

export function appHomeOpened(who: Person): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM.id,
    api_app_id: 'A0SWITCH',
    type: 'event_callback',
    event_id: `Ev${Date.now()}`,
    event_time: Math.floor(Date.now() / 1000),
    event: {
      type: 'app_home_opened',
      user: who.id,
      channel: 'D0HOME',
      tab: 'home',
      event_ts: String(Date.now() / 1000),
    },
  };
}
