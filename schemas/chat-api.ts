import * as z from './zod-mini.ts';

export const ChatLanguageSchema = z.enum(['ko', 'en', 'zh', 'ja', 'vi', 'mn']);

const CONTROL = /[\p{Cc}\p{Cf}]/u;

/** POST /chat/accounts: apply for an account (or a new token for the number's account). */
export const ChatApplyBodySchema = z.strictObject({
  name: z
    .string()
    .check(
      z.trim(),
      z.minLength(1, 'name is required'),
      z.maxLength(100, 'name is at most 100 characters'),
      z.refine((value) => !CONTROL.test(value), 'name contains control characters'),
    ),
  phone: z.string().check(z.trim(), z.minLength(1, 'phone is required'), z.maxLength(32, 'phone is at most 32 characters')),
  language: z._default(ChatLanguageSchema, 'ko'),
});
export type ChatApplyBody = z.infer<typeof ChatApplyBodySchema>;

/** POST /chat/accounts/verify. */
export const ChatVerifyBodySchema = z.strictObject({
  phone: z.string().check(z.trim(), z.minLength(1, 'phone is required'), z.maxLength(32, 'phone is at most 32 characters')),
  code: z.string().check(z.trim(), z.regex(/^\d{6}$/, 'code must be the 6 digits sent by SMS')),
});
export type ChatVerifyBody = z.infer<typeof ChatVerifyBodySchema>;

/** POST /chat/tokens/revoke: the token itself (or an Authorization: Bearer header). */
export const ChatRevokeBodySchema = z.strictObject({
  token: z.optional(z.string().check(z.maxLength(128))),
});
