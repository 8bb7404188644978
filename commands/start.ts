import { serverActionCommand } from '../src/core/server-action.js';

export default serverActionCommand({
  action: 'start',
  risk: 'disruptive',
  verb: 'start',
  summary: 'Start a stopped server so it takes calls again',
  effect: 'Activates the server: it starts taking calls as soon as it is up.',
});
