import { z } from 'zod';
import { alertDesk, hereOf } from '../src/alerts/command-access.js';
import { RULE_IDS, type RuleId, type Severity } from '../src/alerts/findings.js';
import { DEFAULT_MIN_SEVERITY, routeText } from '../src/alerts/subscriptions.js';
import { choice } from '../src/core/args.js';
import { defineCommand } from '../src/core/command.js';
import { UserError } from '../src/core/errors.js';
import { context, text } from '../src/render/reply.js';

const SEVERITIES = ['info', 'warning', 'critical'] as const;
const WORDS = [...RULE_IDS, 'all', ...SEVERITIES] as const;

/** "capacity,topup" or "capacity topup" (quoted), and Discord's one string, as a list of words. */
const ruleWords = z
  .preprocess(
    (value) =>
      typeof value === 'string'
        ? value
            .split(/[\s,]+/)
            .filter(Boolean)
            .map((word) => word.toLowerCase())
        : value,
    z
      .array(z.enum(WORDS, { error: `each must be a rule (${RULE_IDS.join(', ')}), all, or a severity` }))
      .min(1),
  )
  .describe('Rules to send here, comma-separated (default all); a severity here works as min-severity');

function choose(words: readonly string[], given: Severity | undefined) {
  const severities = words.filter((w): w is Severity => (SEVERITIES as readonly string[]).includes(w));
  const rules = [...new Set(words.filter((w): w is RuleId => (RULE_IDS as readonly string[]).includes(w)))];
  if (severities.length > 1 || (severities.length === 1 && given)) {
    throw new UserError('Give one least severity, e.g. /cx alerts subscribe capacity,topup critical.');
  }
  const minSeverity = given ?? severities[0] ?? DEFAULT_MIN_SEVERITY;
  return { rules: rules.length === 0 || words.includes('all') ? null : rules, minSeverity };
}

export default defineCommand({
  name: 'alerts subscribe',
  group: 'alerts',
  summary: 'Send alerts to this channel: some rules or all, from a severity up; operators only',
  examples: ['alerts subscribe', 'alerts subscribe critical', 'alerts subscribe capacity,topup warning'],
  risk: 'read',
  args: z.object({
    rules: ruleWords.optional(),
    'min-severity': choice(
      SEVERITIES,
      `The least severe alerts to send here (default ${DEFAULT_MIN_SEVERITY})`,
    ).optional(),
  }),
  positional: ['rules', 'min-severity'],
  async run(ctx, args) {
    const desk = alertDesk(ctx, 'operator');
    const destination = hereOf(ctx, '/cx alerts subscribe');
    const wanted = choose(args.rules ?? [], args['min-severity']);
    const { before, subscription } = desk.subscribe({ actor: ctx.actor, destination, ...wanted });
    const was = before ? ` Before: ${routeText(before)}.` : '';
    return {
      tone: 'success',
      private: false,
      blocks: [
        text(`📣 This channel now gets the alerts of ${routeText(subscription)}.${was}`),
        context('Stop them with /cx alerts unsubscribe; the daily digest comes here too.'),
      ],
    };
  },
});
