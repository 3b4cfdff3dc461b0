import * as z from '../../../schemas/zod-mini.ts';
import { X_ENV } from './x-env.ts';

/**
 * Environment of X replies in the complaints API. The channel is optional: without
 * X_SECRET_ARN the API has no X sender and X replies are recorded `undeliverable`.
 * CDK sets the same names (lib/stacks/complaints-api-stack.ts).
 */
export const X_REPLY_ENV = {
  secretArn: X_ENV.secretArn,
  apiBaseUrl: X_ENV.apiBaseUrl,
  /** SMS number or short code the private-channel invitation names (e.g. 120). */
  privateSms: 'X_REPLY_PRIVATE_SMS',
  /** Web chat address the invitation names, when the city runs one. */
  privateChatUrl: 'X_REPLY_PRIVATE_CHAT_URL',
  /** Comma-separated phone numbers / e-mail addresses the city publishes itself: allowed in public replies. */
  allowedPublicContacts: 'X_REPLY_ALLOWED_CONTACTS',
} as const;

const XReplyEnvSchema = z.object({
  [X_REPLY_ENV.secretArn]: z.string().check(z.minLength(1)),
  [X_REPLY_ENV.apiBaseUrl]: z.optional(z.url({ protocol: /^https?$/ })),
  [X_REPLY_ENV.privateSms]: z.string().check(z.regex(/^\+?[0-9][0-9-]{1,19}$/, 'a phone number or short code')),
  [X_REPLY_ENV.privateChatUrl]: z.optional(z.url({ protocol: /^https?$/ })),
  [X_REPLY_ENV.allowedPublicContacts]: z.optional(z.string()),
});

export interface XReplyEnv {
  secretArn: string;
  apiBaseUrl?: string;
  privateChannels: { sms: string; chatUrl?: string };
  allowedPublicContacts: string[];
}

/** Null when the stage has no X channel; throws naming the variables (never their values) when it is half configured. */
export function readXReplyEnv(env: NodeJS.ProcessEnv = process.env): XReplyEnv | null {
  if (!env[X_REPLY_ENV.secretArn]) return null;
  const blankToUndefined = (name: string) => env[name] || undefined;
  const result = XReplyEnvSchema.safeParse({
    ...env,
    [X_REPLY_ENV.apiBaseUrl]: blankToUndefined(X_REPLY_ENV.apiBaseUrl),
    [X_REPLY_ENV.privateChatUrl]: blankToUndefined(X_REPLY_ENV.privateChatUrl),
  });
  if (!result.success) {
    throw new Error(`invalid X reply environment: ${result.error.issues.map((issue) => `${issue.path.join('.')} (${issue.message})`).join(', ')}`);
  }
  const data = result.data;
  const chatUrl = data[X_REPLY_ENV.privateChatUrl];
  const apiBaseUrl = data[X_REPLY_ENV.apiBaseUrl];
  return {
    secretArn: data[X_REPLY_ENV.secretArn],
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
    privateChannels: { sms: data[X_REPLY_ENV.privateSms], ...(chatUrl ? { chatUrl } : {}) },
    allowedPublicContacts: parseContacts(data[X_REPLY_ENV.allowedPublicContacts]),
  };
}

function parseContacts(value: string | undefined): string[] {
  return (value ?? '').split(',').map((entry) => entry.trim()).filter(Boolean);
}
