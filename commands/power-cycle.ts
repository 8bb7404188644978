import { serverActionCommand } from '../src/core/server-action.js';

export default serverActionCommand({
  action: 'power-cycle',
  risk: 'disruptive',
  verb: 'power cycle',
  summary: 'Hard-reset a server, like pressing its power button',
  effect: 'Cuts the power and brings the server back up.',
  calls: 'will be cut',
  warnings: [
    'This is a hard reset, like pressing the power button: nothing shuts down cleanly. Prefer os-cycle when the server still answers.',
  ],
});
