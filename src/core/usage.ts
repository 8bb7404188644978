import type { Command, CommandGroup, Risk } from './command.js';
import { type FieldInfo, fieldsOf, positionalFields } from './fields.js';

/** Help sections, in the order help lists them: what people look at first comes first. */
export const GROUP_TITLES = {
  fleet: 'Fleet',
  actions: 'Server actions',
  config: 'Server configuration',
  approvals: 'Approvals',
  alerts: 'Alerts',
  help: 'Help',
} as const satisfies Record<CommandGroup, string>;

export const GROUP_ORDER = Object.keys(GROUP_TITLES) as CommandGroup[];

/** Choices listed in a usage line; longer lists show as a placeholder and are listed in help. */
const LISTED_CHOICES = 3;

function placeholder(field: FieldInfo): string {
  if (field.kind === 'boolean') return 'on|off';
  if (field.choices && field.choices.length <= LISTED_CHOICES) return field.choices.join('|');
  if (field.kind === 'integer' || field.kind === 'number') return '<n>';
  // "--cluster <name>" reads better than "--cluster <cluster>".
  if (field.complete === 'cluster') return '<name>';
  return `<${field.name}>`;
}

const optional = (part: string, field: FieldInfo) => (field.required ? part : `[${part}]`);

/** How to type a command: `/cx servers [--cluster <name>] [--type switch|dispatcher]`. */
export function usageLine(command: Command): string {
  const positional = positionalFields(command).map((field) => optional(`<${field.name}>`, field));
  const named = fieldsOf(command)
    .filter((field) => field.position === undefined)
    .sort((a, b) => Number(b.required) - Number(a.required))
    .map((field) => optional(`--${field.name} ${placeholder(field)}`, field));
  return [`/cx ${command.name}`, ...positional, ...named].join(' ');
}

/** Each argument as help shows it: how to write it, and what it means. */
export function argumentHelp(command: Command): { label: string; value: string }[] {
  return fieldsOf(command).map((field) => {
    const label = field.position === undefined ? `--${field.name}` : `<${field.name}>`;
    const notes = [field.description ?? ''];
    if (field.choices && field.choices.length > LISTED_CHOICES)
      notes.push(`one of ${field.choices.join(', ')}`);
    if (!field.required) notes.push('optional');
    if (field.secret) notes.push('never shown or logged');
    return { label, value: notes.filter(Boolean).join(' · ') };
  });
}

export function riskNote(risk: Risk): string {
  switch (risk) {
    case 'read':
      return 'Read only: changes nothing.';
    case 'change':
      return 'Makes a change: needs confirmation (a Confirm/Cancel card).';
    case 'disruptive':
      return 'Disruptive: needs confirmation and a second approver (someone other than the requester).';
  }
}
