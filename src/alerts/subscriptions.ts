import type { Subscription } from '../store/subscriptions-repo.js';
import type { RuleId, Severity } from './findings.js';
import { atLeast, type Destination, sameDestination } from './state.js';

/**
 * Where alerts go. The configured channels (SLACK_ALERT_CHANNEL, DISCORD_ALERT_CHANNEL_ID,
 * DISCORD_WEBHOOK_URL; the console when no platform is configured) take every rule from
 * warning up; `/cx alerts subscribe` adds a channel, or narrows a configured one, and
 * `/cx alerts unsubscribe` turns either off. Info findings are notes: they reach a channel that
 * asks for them (min-severity info), `/cx alerts` and the daily digest.
 */

export const DEFAULT_MIN_SEVERITY: Severity = 'warning';

export const CONSOLE_DESTINATION: Destination = { surface: 'console', channelId: 'console' };
/** The webhook URL is a secret: rows name the destination, the webhook sender holds the URL. */
export const WEBHOOK_DESTINATION: Destination = { surface: 'discord-webhook', channelId: 'webhook' };

/** The parts of Config that name default channels. */
export interface AlertChannelSettings {
  slack?: { alertChannel?: string | undefined } | undefined;
  discord?: { alertChannelId?: string | undefined } | undefined;
  alerts: { discordWebhookUrl?: string | undefined };
}

export function defaultDestinations(config: AlertChannelSettings): Destination[] {
  const found: Destination[] = [];
  if (config.slack?.alertChannel) found.push({ surface: 'slack', channelId: config.slack.alertChannel });
  if (config.discord?.alertChannelId)
    found.push({ surface: 'discord', channelId: config.discord.alertChannelId });
  if (config.alerts.discordWebhookUrl) found.push(WEBHOOK_DESTINATION);
  const platform = Boolean(config.slack || config.discord || config.alerts.discordWebhookUrl);
  if (!platform) found.push(CONSOLE_DESTINATION);
  return found;
}

export interface Route {
  destination: Destination;
  /** null: every rule. */
  rules: readonly string[] | null;
  minSeverity: Severity;
  source: 'configured' | 'subscribed';
}

/** The routes in force: a channel's subscription row (enabled or not) overrides its default. */
export function activeRoutes(
  defaults: readonly Destination[],
  subscriptions: readonly Subscription[],
): Route[] {
  const routes: Route[] = [];
  for (const destination of defaults) {
    if (subscriptions.some((s) => sameDestination(s, destination))) continue;
    routes.push({ destination, rules: null, minSeverity: DEFAULT_MIN_SEVERITY, source: 'configured' });
  }
  for (const sub of subscriptions) {
    if (!sub.enabled) continue;
    routes.push({
      destination: { surface: sub.surface, channelId: sub.channelId },
      rules: sub.rules,
      minSeverity: sub.minSeverity,
      source: 'subscribed',
    });
  }
  return routes;
}

export function routeTakes(route: Route, rule: RuleId, severity: Severity): boolean {
  return (route.rules === null || route.rules.includes(rule)) && atLeast(severity, route.minSeverity);
}

/** The channels an alert of `rule` at `severity` goes to. */
export function destinationsFor(routes: readonly Route[], rule: RuleId, severity: Severity): Destination[] {
  return routes.filter((route) => routeTakes(route, rule, severity)).map((route) => route.destination);
}

/** "every rule, from warning up", "capacity, topup, from critical up". */
export function routeText(route: Pick<Route, 'rules' | 'minSeverity'>): string {
  const rules = route.rules === null ? 'every rule' : route.rules.join(', ');
  return `${rules}, from ${route.minSeverity} up`;
}
