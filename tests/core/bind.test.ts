import { describe, expect, it } from 'vitest';
import { bindArgs } from '../../src/core/bind.js';
import type { Command } from '../../src/core/command.js';
import echoCommand from '../fixtures/commands/good/echo.js';
import rebootCommand from '../fixtures/commands/good/reboot.js';
import tuneCommand from '../fixtures/commands/good/tune.js';
import uacSetCommand from '../fixtures/commands/good/uac-set.js';
import { thrown } from './helpers.js';

const echo = echoCommand as Command;
const reboot = rebootCommand as Command;
const tune = tuneCommand as Command;
const uacSet = uacSetCommand as Command;

const bind = (command: Command, line: string, options?: Record<string, unknown>) =>
  bindArgs(command, line.split(' ').filter(Boolean), options);
const args = (command: Command, line: string) => bind(command, line).args;
const failure = (command: Command, line: string, options?: Record<string, unknown>) =>
  thrown(() => bind(command, line, options)).message;

describe('bindArgs: the ways to give an argument', () => {
  it('takes positional words in order', () => {
    expect(args(echo, 'ams-sw-1')).toEqual({ server: 'ams-sw-1' });
  });

  it('takes key=value, --key value and --key=value', () => {
    expect(args(echo, 'server=ams-sw-1 --cluster eu-core --status=active')).toEqual({
      server: 'ams-sw-1',
      cluster: 'eu-core',
      status: 'active',
    });
  });

  it('fills positional fields not given by name, wherever the options are', () => {
    expect(args(echo, '--cluster eu-core ams-sw-1')).toEqual({ server: 'ams-sw-1', cluster: 'eu-core' });
  });

  it('reads a bare boolean flag as true, and takes an on/off word after it', () => {
    expect(args(echo, 'ams-sw-1 --verbose')).toEqual({ server: 'ams-sw-1', verbose: true });
    expect(args(echo, 'ams-sw-1 --verbose off')).toEqual({ server: 'ams-sw-1', verbose: false });
    expect(args(echo, '--verbose ams-sw-1')).toEqual({ server: 'ams-sw-1', verbose: true });
    expect(args(echo, 'ams-sw-1 verbose=no')).toEqual({ server: 'ams-sw-1', verbose: false });
  });

  it('parses through the schema: whole numbers, choices in any case', () => {
    expect(args(echo, 'ams-sw-1 --count 5 --type Dispatcher')).toEqual({
      server: 'ams-sw-1',
      count: 5,
      type: 'dispatcher',
    });
  });

  it('matches kebab-case names however they are typed', () => {
    for (const flag of ['--uac-user', '--uac_user', '--UAC-User']) {
      expect(args(echo, `ams-sw-1 ${flag} carrier1`)).toEqual({ server: 'ams-sw-1', 'uac-user': 'carrier1' });
    }
  });

  it('merges typed Discord options over the text', () => {
    expect(bind(echo, 'ams-sw-1 --count 2', { count: 4, verbose: true }).args).toEqual({
      server: 'ams-sw-1',
      count: 4,
      verbose: true,
    });
    expect(bind(echo, '', { server: 'ams-sw-2', share: true })).toEqual({
      args: { server: 'ams-sw-2' },
      share: true,
    });
  });
});

describe('bindArgs: --share', () => {
  it('is off unless typed, on every read command', () => {
    expect(bind(echo, 'ams-sw-1').share).toBe(false);
    expect(bind(echo, 'ams-sw-1 --share')).toEqual({ args: { server: 'ams-sw-1' }, share: true });
  });

  it('is taken by a guarded command with a read view, not by other guarded commands', () => {
    expect(bind(tune, 'ams-sw-1 --share').share).toBe(true);
    expect(failure(reboot, 'ams-sw-1 --share')).toBe(
      '--share is for read commands: this one posts its card in the channel anyway.',
    );
  });

  it('takes no value', () => {
    expect(failure(echo, 'ams-sw-1 --share=yes')).toBe('--share takes no value: type just --share.');
  });
});

describe('bindArgs: errors say what was wrong, with the usage line', () => {
  it('names the closest option to an unknown one', () => {
    expect(thrown(() => bind(echo, 'ams-sw-1 --clustr eu-core'))).toEqual({
      message: 'Unknown option --clustr. Did you mean --cluster?',
      hint: 'Usage: /cx echo <server> [--cluster <name>] [--status <status>] [--type switch|dispatcher] [--verbose on|off] [--count <n>] [--note <note>] [--uac-user <uac-user>]',
    });
    expect(failure(echo, 'ams-sw-1 clustr=eu-core')).toBe('Unknown option clustr. Did you mean cluster?');
    expect(failure(echo, 'ams-sw-1 --zzz 1')).toBe('Unknown option --zzz.');
  });

  it('lists the choices and what was typed, with the closest', () => {
    expect(failure(echo, 'ams-sw-1 --status actve')).toBe(
      '--status must be one of active, inactive, expired, deploying, installing, starting, stopping, stopped, restarting, rebooting (you typed "actve"). Did you mean active?',
    );
    expect(failure(echo, 'ams-sw-1 --type router')).toBe(
      '--type must be one of switch, dispatcher (you typed "router").',
    );
  });

  it('says which argument is missing', () => {
    expect(failure(echo, '')).toBe('Missing <server>.');
    expect(failure(echo, '--cluster eu-core')).toBe('Missing <server>.');
    expect(failure(uacSet, 'ams-sw-1 carrier1')).toBe('Missing --password.');
  });

  it('refuses words no argument takes', () => {
    expect(failure(echo, 'ams-sw-1 foo')).toBe('Too many arguments: "foo".');
    expect(failure(echo, 'ams-sw-1 foo bar')).toBe('Too many arguments: "foo", "bar".');
  });

  it('refuses an option without its value', () => {
    expect(failure(echo, 'ams-sw-1 --cluster')).toBe('--cluster needs a value.');
    expect(failure(echo, 'ams-sw-1 --cluster --verbose')).toBe('--cluster needs a value.');
  });

  it('refuses an option given twice', () => {
    expect(failure(echo, 'ams-sw-1 --count 1 count=2')).toBe('--count is given twice.');
  });

  it("passes on the schema's message for a bad value", () => {
    expect(failure(echo, 'ams-sw-1 --count many')).toBe('--count must be a whole number (you typed "many").');
    expect(failure(echo, 'ams-sw-1 --count 0')).toBe('--count must be at least 1 (you typed "0").');
    expect(failure(echo, 'ams-sw-1 --verbose=maybe')).toBe(
      '--verbose must be on or off (also: yes/no, true/false) (you typed "maybe").',
    );
  });

  it('cuts a long typed value short', () => {
    expect(failure(echo, `ams-sw-1 --type ${'x'.repeat(60)}`)).toBe(
      `--type must be one of switch, dispatcher (you typed "${'x'.repeat(40)}…").`,
    );
  });

  it('names an unknown Discord option too', () => {
    expect(failure(echo, 'ams-sw-1', { clustre: 'x' })).toBe(
      'Unknown option --clustre. Did you mean --cluster?',
    );
  });
});

describe('bindArgs: secrets are never echoed', () => {
  it('binds a secret like any option', () => {
    expect(args(uacSet, 'ams-sw-1 carrier1 --password s3cret')).toEqual({
      server: 'ams-sw-1',
      user: 'carrier1',
      password: 's3cret',
    });
  });

  it('does not repeat a bad secret value', () => {
    expect(thrown(() => bindArgs(uacSet, ['ams-sw-1', 'carrier1', '--password', '  ']))).toEqual({
      message: '--password must not be empty.',
      hint: 'Usage: /cx uac set <server> <user> --password <password>',
    });
  });

  it('does not repeat stray words of a command that takes a secret (they may be the secret)', () => {
    const message = failure(uacSet, 'ams-sw-1 carrier1 hunter2 --password x');
    expect(message).toBe('Too many arguments (1 extra word).');
    expect(message).not.toContain('hunter2');
  });
});
