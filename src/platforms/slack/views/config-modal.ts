import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  type ConfigForm,
  type FormKey,
  formHelp,
  formKeys,
  NONE,
  PORT_KEYS,
  type PortKey,
  SWITCH_KEYS,
  type SwitchKey,
} from '../../../core/config-form.js';
import { UserError } from '../../../core/errors.js';
import { renderBlockKit } from '../../../render/blockkit.js';
import { truncate } from '../../../render/limits.js';
import { type Reply, reply, text } from '../../../render/reply.js';
import { blockOf, CONFIG_FORM_ID, FIELD_ACTION } from './config-blocks.js';
import { type ConfigFormMeta, encodeMeta } from './config-state.js';

/** `/cx config <server>` as a Slack modal: one input block per field, the switches as checkboxes. */

/** Slack's limits on what a modal holds (docs.slack.dev/reference/views/modal-views, block-kit). */
const MODAL = { title: 24, optionText: 75, optionDescription: 75, selectOptions: 100 };

const SWITCH_LABELS: Record<SwitchKey, string> = {
  webrtc: 'WebRTC',
  tls: 'TLS',
  'tls-internals': 'TLS internals',
  'auto-upgrade': 'Auto upgrade',
  'uac-ping': 'UAC ping',
  'location-sharing': 'UAC location sharing',
  'us-eu': 'US/EU',
  'tcp-sip-trace': 'TCP SIP trace',
  anyreg: 'AnyReg',
};

const PORT_LABELS: Record<PortKey, string> = {
  'udp-ports': 'Extra UDP ports',
  'tcp-ports': 'Extra TCP ports',
  'tls-ports': 'Extra TLS ports',
};

const plain = (text: string, max = 2000) => ({
  type: 'plain_text' as const,
  text: truncate(text, max),
  emoji: true,
});

const option = (value: string, label: string): PlainTextOption => ({
  text: plain(label, MODAL.optionText),
  value,
});

function input(
  key: FormKey,
  label: string,
  element: InputBlock['element'],
  hint: string | undefined,
): InputBlock {
  return {
    type: 'input',
    block_id: blockOf(key),
    label: plain(label),
    optional: true,
    element,
    ...(hint ? { hint: plain(hint) } : {}),
  };
}

function textInput(
  key: FormKey,
  label: string,
  initial: string,
  max: number,
  hint = formHelp(key),
): InputBlock {
  const element = {
    type: 'plain_text_input' as const,
    action_id: FIELD_ACTION,
    max_length: max,
    ...(initial ? { initial_value: initial } : {}),
  };
  return input(key, label, element, hint);
}

/**
 * "none" and `choices`, within Slack's 100 options. The current value is always among them (even
 * one the list does not know), so an untouched select sends back what it opened with.
 */
function select(key: FormKey, label: string, choices: PlainTextOption[], current: string): InputBlock {
  const none = option(NONE, NONE);
  const room = MODAL.selectOptions - 1;
  const offered = choices.slice(0, room);
  if (current !== NONE && !offered.some((c) => c.value === current)) {
    const kept = choices.find((c) => c.value === current) ?? option(current, current);
    offered.splice(Math.min(offered.length, room - 1), 1, kept);
  }
  const options = [none, ...offered];
  const element = {
    type: 'static_select' as const,
    action_id: FIELD_ACTION,
    options,
    initial_option: options.find((o) => o.value === current) ?? none,
  };
  return { ...input(key, label, element, formHelp(key)), optional: false };
}

/** Every switch in one checkbox group (Slack holds 10; there are 9): ticked is on. */
function switches(on: readonly SwitchKey[]): InputBlock {
  const options = SWITCH_KEYS.map((key) => ({
    text: plain(SWITCH_LABELS[key], MODAL.optionText),
    description: plain(formHelp(key) ?? key, MODAL.optionDescription),
    value: key,
  }));
  const initial = options.filter((o) => on.includes(o.value));
  const element = {
    type: 'checkboxes' as const,
    action_id: FIELD_ACTION,
    options,
    ...(initial.length > 0 ? { initial_options: initial } : {}),
  };
  return input(SWITCH_KEYS[0]!, 'Switches', element, 'Ticked is on.');
}

function blockFor(key: FormKey, form: ConfigForm): KnownBlock {
  const { values } = form;
  if ((SWITCH_KEYS as readonly string[]).includes(key)) return switches(values.switches);
  if ((PORT_KEYS as readonly string[]).includes(key)) {
    const port = key as PortKey;
    return textInput(port, PORT_LABELS[port], values[port], 500);
  }
  switch (key) {
    case 'fqdn':
      return textInput('fqdn', 'FQDN', values.fqdn, 253);
    case 'cluster':
      return select(
        'cluster',
        'Cluster',
        form.clusters.map((name) => option(name, name)),
        values.cluster,
      );
    case 'failover':
      return select(
        'failover',
        'Capacity failover',
        form.failoverTargets.map((t) => option(t.value, t.label)),
        values.failover,
      );
    case 'uac-user':
      return textInput('uac-user', 'UAC user', values['uac-user'], 100);
    default:
      return textInput(
        'uac-password',
        'UAC password',
        '',
        200,
        'Empty keeps the password as it is. Sent with the change only: never shown, logged or stored.',
      );
  }
}

/** One block per field, in the form's order; the switches share theirs. */
function fields(form: ConfigForm): KnownBlock[] {
  const blocks = new Map<string, KnownBlock>();
  for (const key of formKeys(form.server)) {
    if (!blocks.has(blockOf(key))) blocks.set(blockOf(key), blockFor(key, form));
  }
  return [...blocks.values()];
}

const PRIVATE_METADATA_MAX = 3000;

export function configModal(form: ConfigForm, channelId: string): ModalView {
  // The channel travels in private_metadata: the card is posted where the form was asked for.
  const meta: ConfigFormMeta = { channel: channelId, server: form.server.id, values: form.values };
  const privateMetadata = encodeMeta(meta);
  if (privateMetadata.length > PRIVATE_METADATA_MAX) {
    throw new UserError(
      `The config of ${form.server.alias} is too long for a Slack form.`,
      `Change it with keys instead: /cx config ${form.server.alias} key=value`,
    );
  }
  const scope =
    form.server.type === 'dispatcher'
      ? 'A dispatcher takes only a cluster: server config applies to its switches.'
      : 'Only the fields you change are sent.';
  return {
    type: 'modal',
    callback_id: CONFIG_FORM_ID,
    private_metadata: privateMetadata,
    title: plain('Server config', MODAL.title),
    submit: plain('Review change', MODAL.title),
    close: plain('Cancel', MODAL.title),
    blocks: [
      ...renderBlockKit(
        reply(
          'neutral',
          text(
            { bold: form.server.alias },
            ` (${form.server.ip}) · ${scope} Submitting posts a confirmation card in the channel where you typed /cx: nothing changes until it is confirmed.`,
          ),
        ),
      ).blocks,
      ...fields(form),
    ],
  };
}

/** What opens at once when the config takes a moment to read; replaced by the form. */
export function loadingModal(serverRef: string): ModalView {
  return {
    type: 'modal',
    title: plain('Server config', MODAL.title),
    close: plain('Close', MODAL.title),
    blocks: renderBlockKit(reply('neutral', text(`⏳ Reading the config of ${serverRef}…`))).blocks,
  };
}

/** A modal that only says something (the config could not be read). */
export function messageModal(message: Reply): ModalView {
  return {
    type: 'modal',
    title: plain('Server config', MODAL.title),
    close: plain('Close', MODAL.title),
    blocks: renderBlockKit(message).blocks,
  };
}
