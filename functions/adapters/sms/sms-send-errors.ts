export interface SmsSendErrorDetails {
  /** Which sender failed (SmsSender.name). */
  provider: string;
  /** HTTP status, when the provider answered. */
  status?: number;
  /** Provider's own error code (Twilio 21211, AWS ThrottlingException, ...). */
  code?: string | number;
  /** Seconds the provider asked us to wait, when it said. */
  retryAfterSeconds?: number;
}

/**
 * The send may succeed later (throttled, provider fault, network): retry with backoff.
 * Messages never contain the destination number: they end up in logs.
 */
export class RetryableSmsSendError extends Error {
  override readonly name = 'RetryableSmsSendError';
  readonly retryable = true;
  readonly provider: string;
  readonly status: number | undefined;
  readonly code: string | number | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(message: string, details: SmsSendErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.provider = details.provider;
    this.status = details.status;
    this.code = details.code;
    this.retryAfterSeconds = details.retryAfterSeconds;
  }
}

/** The provider refused the request itself (bad number, auth, blocked): retrying cannot help. */
export class PermanentSmsSendError extends Error {
  override readonly name = 'PermanentSmsSendError';
  readonly retryable = false;
  readonly provider: string;
  readonly status: number | undefined;
  readonly code: string | number | undefined;

  constructor(message: string, details: SmsSendErrorDetails, options?: { cause?: unknown }) {
    super(message, options);
    this.provider = details.provider;
    this.status = details.status;
    this.code = details.code;
  }
}

export type SmsSendError = RetryableSmsSendError | PermanentSmsSendError;

export function isRetryableSmsSendError(error: unknown): error is RetryableSmsSendError {
  return error instanceof RetryableSmsSendError;
}

/** Provider error texts quote the phone number ("The 'To' number +82... is not valid"). */
export function redactPhoneNumbers(text: string): string {
  return text.replace(/\+?\d[\d\s().-]{5,}\d/g, '[number]');
}
