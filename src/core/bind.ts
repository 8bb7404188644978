import type { z } from 'zod';
import type { Command } from './command.js';
import { echo } from './echo.js';
import { UserError } from './errors.js';
import { type FieldInfo, fieldsOf, positionalFields } from './fields.js';
import { suggestNearest } from './nearest.js';
import { usageLine } from './usage.js';

export interface BoundArgs {
  /** The command's arguments, validated by its schema. */
  args: Record<string, unknown>;
  /** `--share`: a read command's answer goes to the channel instead of privately to the asker. */
  share: boolean;
}

/** The global flag every read command takes (and guarded ones with a read view, `config <server>`). */
export const SHARE_FLAG = 'share';

export const takesShare = (command: Command) => command.risk === 'read' || command.show !== undefined;

const DASHED = /^--([a-z][\w-]*)(?:=(.*))?$/is;
const KEYED = /^([a-z][\w-]*)=(.*)$/is;

interface OptionWord {
  /** As the user wrote it, for messages: `--clustr` or `clustr`. */
  written: string;
  name: string;
  value?: string;
}

function readOptionWord(word: string): OptionWord | undefined {
  const dashed = DASHED.exec(word);
  if (dashed) return { written: `--${dashed[1]}`, name: normalName(dashed[1]!), value: dashed[2] };
  const keyed = KEYED.exec(word);
  return keyed ? { written: keyed[1]!, name: normalName(keyed[1]!), value: keyed[2] } : undefined;
}

/** People type `--uac_user` and `--UAC-User` for `uac-user`. */
const normalName = (name: string) => name.toLowerCase().replaceAll('_', '-');

/** Binds what was typed (and already-typed Discord options) to a command's arguments. */
export function bindArgs(
  command: Command,
  words: readonly string[],
  options: Record<string, unknown> = {},
): BoundArgs {
  const binder = new Binder(command);
  const loose = binder.takeOptions(words);
  binder.takePositional(loose);
  binder.takeTyped(options);
  return { args: binder.validate(), share: binder.share };
}

class Binder {
  readonly raw: Record<string, unknown> = {};
  share = false;
  private readonly fields: Map<string, FieldInfo>;

  constructor(private readonly command: Command) {
    this.fields = new Map(fieldsOf(command).map((field) => [field.name, field]));
  }

  /** Reads `--key value`, `--key=value`, `key=value` and bare boolean `--key`; returns the other words. */
  takeOptions(words: readonly string[]): string[] {
    const loose: string[] = [];
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const option = readOptionWord(word);
      if (!option) {
        loose.push(word);
        continue;
      }
      if (this.isShareFlag(option.name)) {
        if (option.value !== undefined)
          this.fail(`--${SHARE_FLAG} takes no value: type just --${SHARE_FLAG}.`);
        this.share = true;
        continue;
      }
      const field = this.fieldNamed(option);
      let value: unknown = option.value;
      if (value === undefined) {
        const next = words[i + 1];
        if (field.kind === 'boolean') {
          value =
            next !== undefined && this.schemaOf(field.name)!.safeParse(next).success ? words[++i] : true;
        } else if (next === undefined || DASHED.test(next)) {
          this.fail(`--${field.name} needs a value.`);
        } else {
          value = words[++i];
        }
      }
      this.set(field, value);
    }
    return loose;
  }

  /** Fills the positional fields not already given by name, in order. */
  takePositional(loose: readonly string[]): void {
    const open = positionalFields(this.command).filter((field) => !(field.name in this.raw));
    open.forEach((field, index) => {
      if (index < loose.length) this.raw[field.name] = loose[index];
    });
    const extra = loose.slice(open.length);
    if (extra.length === 0) return;
    const hasSecret = fieldsOf(this.command).some((field) => field.secret);
    this.fail(
      hasSecret
        ? `Too many arguments (${extra.length} extra ${extra.length === 1 ? 'word' : 'words'}).`
        : `Too many arguments: ${extra.map((word) => `"${echo(word)}"`).join(', ')}.`,
    );
  }

  /** Discord options arrive typed and named; they win over the text. */
  takeTyped(options: Record<string, unknown>): void {
    for (const [written, value] of Object.entries(options)) {
      const name = normalName(written);
      if (this.isShareFlag(name)) this.share = value === true;
      else this.raw[this.fieldNamed({ written: `--${written}`, name }).name] = value;
    }
  }

  validate(): Record<string, unknown> {
    const result = this.command.args.safeParse(this.raw);
    if (result.success) return result.data as Record<string, unknown>;
    const issue = result.error.issues[0]!;
    const name = issue.path[0];
    const field = typeof name === 'string' ? this.fields.get(name) : undefined;
    if (!field) this.fail(issue.message);
    const label = field.position === undefined ? `--${field.name}` : `<${field.name}>`;
    const typed = this.raw[field.name];
    if (typed === undefined) this.fail(`Missing ${label}.`);
    let message = `${label} ${issue.message}`;
    const primitive = typeof typed === 'string' || typeof typed === 'number' || typeof typed === 'boolean';
    if (!field.secret && primitive) {
      const shown = String(typed);
      message += ` (you typed "${echo(shown)}")`;
      if (field.choices) message += suggestNearest(shown, field.choices).replace(/^ Did/, '. Did');
    }
    this.fail(message.endsWith('?') ? message : `${message}.`);
  }

  private isShareFlag(name: string): boolean {
    return name === SHARE_FLAG && takesShare(this.command) && !this.fields.has(SHARE_FLAG);
  }

  private schemaOf(name: string): z.ZodType | undefined {
    return (this.command.args.shape as Record<string, z.ZodType>)[name];
  }

  private fieldNamed(option: OptionWord): FieldInfo {
    const field = this.fields.get(option.name);
    if (field) return field;
    if (option.name === SHARE_FLAG)
      this.fail(`--${SHARE_FLAG} is for read commands: this one posts its card in the channel anyway.`);
    const prefix = option.written.startsWith('--') ? '--' : '';
    const names = [...this.fields.keys(), ...(takesShare(this.command) ? [SHARE_FLAG] : [])];
    this.fail(
      `Unknown option ${echo(option.written)}.${suggestNearest(
        option.written,
        names.map((name) => prefix + name),
      )}`,
    );
  }

  private set(field: FieldInfo, value: unknown): void {
    if (field.name in this.raw) this.fail(`--${field.name} is given twice.`);
    this.raw[field.name] = value;
  }

  private fail(message: string): never {
    throw new UserError(message, `Usage: ${usageLine(this.command)}`);
  }
}
