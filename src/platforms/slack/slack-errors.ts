import { WebAPIPlatformError, WebAPIRateLimitedError } from '@slack/web-api';

/** The `error` code of a Web API answer that was not ok ("channel_not_found"); undefined for other failures. */
export function slackErrorCode(error: unknown): string | undefined {
  if (error instanceof WebAPIPlatformError) return error.data.error;
  if (error instanceof WebAPIRateLimitedError) return 'ratelimited';
  return undefined;
}

/** Answers meaning the bot cannot post where it was asked to: it is not in the channel, or there is none. */
export const NOT_POSTABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);
