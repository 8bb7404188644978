import { decisionCommand } from '../src/core/decision-command.js';

export default decisionCommand(
  'confirm',
  'Confirm a pending request (what the Confirm button does); approvers only',
);
