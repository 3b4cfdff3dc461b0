/**
 * Retry policy for Amazon Connect APIs: StartChatContact and friends are rate limited per account
 * (TooManyRequests / Throttling) and by concurrency quotas (LimitExceeded). Retries use full-jitter
 * exponential backoff; after the last attempt a ConnectRetryableError is thrown so the caller's
 * queue redelivers the work instead of dropping it. Requests that can never succeed are thrown as
 * ConnectRejectedError at once.
 */
export class ConnectRetryableError extends Error {
  override readonly name = 'ConnectRetryableError';
  constructor(
    message: string,
    readonly attempts: number,
    readonly lastErrorName: string,
  ) {
    super(message);
  }
}

export class ConnectRejectedError extends Error {
  override readonly name = 'ConnectRejectedError';
  constructor(
    message: string,
    readonly errorName: string,
  ) {
    super(message);
  }
}

const RETRYABLE_NAMES = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'LimitExceededException',
  'InternalServiceException',
  'ServiceUnavailableException',
  'ServiceQuotaExceededException',
  'RequestTimeout',
  'RequestTimeoutException',
  'TimeoutError',
]);
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN']);

export function isRetryableConnectError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (RETRYABLE_NAMES.has(error.name)) return true;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  const code = (error as { code?: string }).code;
  return code !== undefined && RETRYABLE_NETWORK_CODES.has(code);
}

export interface RetryOptions {
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

export const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function withConnectRetry<T>(operation: string, call: () => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const maxAttempts = options.maxAttempts ?? 5;
  const base = options.baseDelayMs ?? 100;
  const cap = options.maxDelayMs ?? 5_000;
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  let lastName = 'unknown';
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (error) {
      lastName = error instanceof Error ? error.name : 'unknown';
      if (!isRetryableConnectError(error)) {
        throw new ConnectRejectedError(`${operation} rejected by Amazon Connect: ${lastName}`, lastName);
      }
      if (attempt >= maxAttempts) {
        throw new ConnectRetryableError(`${operation} still failing after ${attempt} attempts: ${lastName}`, attempt, lastName);
      }
      await sleep(Math.floor(random() * Math.min(cap, base * 2 ** (attempt - 1))));
    }
  }
}
