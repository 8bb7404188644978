import { z } from 'zod';
import {
  ConfigFormValues,
  type FormKey,
  type FormProblems,
  type PortKey,
  SWITCH_KEYS,
  type SwitchKey,
} from '../../../core/config-form.js';
import { blockOf, FIELD_ACTION } from './config-blocks.js';

/**
 * What travels with the config modal (its private_metadata) and what comes back on submit: the
 * channel to post the card in, the server, and the values the form opened with, so only fields the
 * person changed are sent (a change someone else made meanwhile is not undone).
 */
const ConfigFormMeta = z.object({
  channel: z.string().min(1),
  server: z.number().int(),
  values: ConfigFormValues,
});
export type ConfigFormMeta = z.infer<typeof ConfigFormMeta>;

export const encodeMeta = (meta: ConfigFormMeta): string => JSON.stringify(meta);

/** One element's state as Slack sends it in `view.state.values`. */
const ElementState = z.object({
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
const ViewState = z.object({
  private_metadata: z.string(),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), ElementState)) }),
});

export interface ConfigSubmission {
  meta: ConfigFormMeta;
  values: ConfigFormValues;
}

/** The submitted form; undefined when the view is not one this surface built. */
export function readConfigSubmission(view: unknown): ConfigSubmission | undefined {
  const parsed = ViewState.safeParse(view);
  if (!parsed.success) return undefined;
  let meta: ConfigFormMeta;
  try {
    meta = ConfigFormMeta.parse(JSON.parse(parsed.data.private_metadata));
  } catch {
    return undefined;
  }
  const state = parsed.data.state.values;
  const element = (key: FormKey) => state[blockOf(key)]?.[FIELD_ACTION];
  const before = meta.values;
  // A field the form did not show (a dispatcher's) keeps the value it opened with.
  const typed = (key: 'fqdn' | 'uac-user' | 'uac-password' | PortKey) => {
    const shown = element(key);
    return shown ? (shown.value ?? '') : before[key];
  };
  const chosen = (key: 'cluster' | 'failover') => element(key)?.selected_option?.value ?? before[key];
  const ticked = element(SWITCH_KEYS[0]!);
  const switches = ticked
    ? (ticked.selected_options ?? []).map((o) => o.value).filter((v): v is SwitchKey => isSwitch(v))
    : before.switches;
  return {
    meta,
    values: {
      fqdn: typed('fqdn'),
      cluster: chosen('cluster'),
      failover: chosen('failover'),
      'uac-user': typed('uac-user'),
      'uac-password': typed('uac-password'),
      switches,
      'udp-ports': typed('udp-ports'),
      'tcp-ports': typed('tcp-ports'),
      'tls-ports': typed('tls-ports'),
    },
  };
}

const isSwitch = (value: string): value is SwitchKey => (SWITCH_KEYS as readonly string[]).includes(value);

/** The problems as `response_action: errors` wants them: keyed by block, one line per block. */
export function blockErrors(problems: FormProblems): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [key, message] of Object.entries(problems) as [FormKey, string][]) {
    const block = blockOf(key);
    errors[block] = errors[block] ? `${errors[block]}; ${message}` : message;
  }
  return errors;
}
