import { ApiResponseError } from 'twitter-api-v2';
import { XPostRefusedError, XRateLimitedError, type XPostRefusal } from '../../core/x/ports.ts';
import { rateLimitedAnswer } from './twitter-api-v2-source.ts';

/*
 * X's answers to POST /2/tweets that the reply path must tell apart (bodies as X sends them):
 *   400 invalid-request, errors[].message "Your Tweet text is too long. ..."
 *   403 about:blank, detail "You are not allowed to create a Tweet with duplicate content."
 *   403 about:blank, detail "Reply to this conversation is not allowed because you have not
 *       been mentioned or otherwise engaged by the author of the post you are replying to."
 *       (self-serve apps since 2026-02-23: docs.x.com manage-tweets integrate, changelog)
 *   429 "Too Many Requests" (the endpoint's window) or UsageCapExceeded (the app's cap).
 */

interface XProblemBody {
  title?: unknown;
  detail?: unknown;
  type?: unknown;
  errors?: unknown;
}

const REFUSALS: ReadonlyArray<readonly [XPostRefusal, RegExp]> = [
  ['duplicate', /duplicate content/i],
  ['reply-not-allowed', /reply to this conversation is not allowed|not been mentioned or otherwise engaged/i],
  ['too-long', /text is too long/i],
];


function problemTexts(body: XProblemBody | undefined): string[] {
  const texts = [body?.detail, body?.title];
  if (Array.isArray(body?.errors)) for (const entry of body.errors) texts.push((entry as { message?: unknown } | null)?.message);
  return texts.filter((text): text is string => typeof text === 'string');
}

/** The typed error for an X API failure of a post, or the error unchanged when it is none of the above. */
export function classifyPostError(error: unknown, now: Date): unknown {
  if (!(error instanceof ApiResponseError)) return error;
  const body = (typeof error.data === 'object' && error.data !== null ? error.data : undefined) as XProblemBody | undefined;
  if (error.code === 429) {
    const answer = rateLimitedAnswer(error, now);
    return new XRateLimitedError(answer.resetAt, answer.usageCapped === true, { cause: error });
  }
  if (error.code === 400 || error.code === 403) {
    const texts = problemTexts(body);
    for (const [reason, pattern] of REFUSALS) {
      const match = texts.find((text) => pattern.test(text));
      if (match !== undefined) return new XPostRefusedError(reason, match, { cause: error });
    }
  }
  return error;
}
