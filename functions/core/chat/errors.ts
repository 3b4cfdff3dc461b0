/** A refusal the citizen can act on; `code` is stable for the page, `message` is safe to show. */
export class ChatAccountError extends Error {
  override readonly name = 'ChatAccountError';
  constructor(
    readonly code:
      | 'invalid_phone'
      | 'resend_too_soon'
      | 'daily_limit'
      | 'address_limit'
      | 'no_code'
      | 'code_expired'
      | 'too_many_attempts'
      | 'wrong_code'
      | 'unknown_token',
    message: string,
    readonly details: { retryAfterSeconds?: number; attemptsLeft?: number } = {},
  ) {
    super(message);
  }
}
