import { serverActionCommand } from '../src/core/server-action.js';

export default serverActionCommand({
  action: 'restart',
  risk: 'disruptive',
  verb: 'restart',
  summary: 'Restart (reboot) a server',
  effect: 'Reboots the server: it takes no calls until it is back (about a minute).',
  calls: 'will be cut',
});
