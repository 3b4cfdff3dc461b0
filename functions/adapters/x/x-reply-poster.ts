import type { TwitterApiv2 } from 'twitter-api-v2';
import { XCreatedTweetResponseSchema } from '../../../schemas/x-api.ts';
import { XThreadInterruptedError, type XThreadPoster } from '../../core/x/ports.ts';
import { classifyPostError } from './x-post-errors.ts';

/**
 * Posts a reply thread with twitter-api-v2: each part replies (in_reply_to_tweet_id) to the
 * previous one. A failure stops the thread; its cause is typed (XPostRefusedError,
 * XRateLimitedError) so the reply path can tell a final refusal from a wait.
 */
export class TwitterApiV2ReplyPoster implements XThreadPoster {
  constructor(
    private readonly client: TwitterApiv2,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async postThread(inReplyToTweetId: string, parts: string[], alreadyPosted: string[] = []): Promise<string[]> {
    const posted = [...alreadyPosted];
    for (const part of parts.slice(posted.length)) {
      const parent = posted.at(-1) ?? inReplyToTweetId;
      try {
        const answer = XCreatedTweetResponseSchema.parse(await this.client.reply(part, parent));
        posted.push(answer.data.id);
      } catch (error) {
        const cause = classifyPostError(error, this.now());
        const why = cause instanceof Error ? `: ${cause.message}` : '';
        throw new XThreadInterruptedError(`x reply thread stopped after ${posted.length} of ${parts.length} part(s)${why}`, posted, { cause });
      }
    }
    return posted;
  }
}
