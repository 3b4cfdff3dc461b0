/** Errors the knowledge use cases raise; the API maps them to 4xx. */
export class ForbiddenActionError extends Error {
  override readonly name = 'ForbiddenActionError';
  constructor(readonly action: string, readonly role: string) {
    super(`a ${role} may not ${action}`);
  }
}

export class CaseNotFoundError extends Error {
  override readonly name = 'CaseNotFoundError';
  constructor(readonly caseId: string) {
    super(`case ${caseId} not found`);
  }
}

/** The case moved on since the caller read it (409: reload and edit again). */
export class StaleCaseVersionError extends Error {
  override readonly name = 'StaleCaseVersionError';
  constructor(readonly caseId: string, readonly expected: number, readonly current: number) {
    super(`case ${caseId} is at version ${current}, not ${expected}: reload it and edit again`);
  }
}

export class InvalidCaseChangeError extends Error {
  override readonly name = 'InvalidCaseChangeError';
}

/** An import body that cannot be read at all (415/400); row problems are reported per line instead. */
export class UnreadableImportError extends Error {
  override readonly name = 'UnreadableImportError';
  constructor(message: string, readonly status: 400 | 413 | 415) {
    super(message);
  }
}
