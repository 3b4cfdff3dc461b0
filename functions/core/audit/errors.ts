/** A caller handed the trail something it refuses to record (a clear number, a receipt number for an id, no reason). */
export class AuditInputError extends Error {
  override readonly name = 'AuditInputError';
}

/** A query the audit API refuses; `issues` are safe to show. */
export class InvalidAuditQueryError extends Error {
  override readonly name = 'InvalidAuditQueryError';
  constructor(readonly issues: string[]) {
    super(`invalid audit query: ${issues.join('; ')}`);
  }
}

/** Every attempt to take a chain slot lost to another writer; the caller may retry. */
export class AuditChainContentionError extends Error {
  override readonly name = 'AuditChainContentionError';
}

/** The day cannot be sealed (not over yet, or malformed). */
export class AuditSealError extends Error {
  override readonly name = 'AuditSealError';
}
