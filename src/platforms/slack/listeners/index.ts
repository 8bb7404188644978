import type { App as BoltApp } from '@slack/bolt';
import type { SlackContext } from '../context.js';
import { registerButtonClicks } from './actions/button.js';
import { registerCxCommand } from './commands/cx.js';
import { registerAppHome } from './events/app-home-opened.js';
import { registerConfigSubmit } from './views/config-submit.js';

/** Every listener of the Slack surface, one file per kind (commands, actions, views, events). */
export function registerListeners(bolt: BoltApp, ctx: SlackContext): void {
  registerCxCommand(bolt, ctx);
  registerButtonClicks(bolt, ctx);
  registerConfigSubmit(bolt, ctx);
  registerAppHome(bolt, ctx);
}
