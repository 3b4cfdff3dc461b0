/** The address asked more than its window allows (429 with Retry-After). */
export class SelfServiceRateLimitedError extends Error {
  override readonly name = 'SelfServiceRateLimitedError';
  constructor(readonly retryAfterSeconds: number) {
    super(`too many requests from this address; try again in ${retryAfterSeconds} s`);
  }
}

/** No published answer has that id (never published, retired, or a draft). */
export class AnswerNotFoundError extends Error {
  override readonly name = 'AnswerNotFoundError';
  constructor(readonly caseId: string) {
    super(`no published answer ${caseId}`);
  }
}
