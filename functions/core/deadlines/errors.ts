/**
 * Why a petition-type change or a deadline extension was refused; API handlers map these to
 * 409 (conflict with the complaint's state) or 400 (`extension-too-long`).
 */
export type DeadlineRefusal =
  /** Only an open (received or in progress) complaint's deadline can be extended. */
  | 'not-open'
  /** The decree lets an office extend a period it cannot meet, not one already missed. */
  | 'deadline-passed'
  /** The second extension needs the citizen's consent (decree art. 21(2)). */
  | 'consent-required'
  /** An extension is at most the length of the original period (decree art. 21(1)). */
  | 'extension-too-long'
  /** The request names an extension other than the next one (a stale or concurrent request). */
  | 'extension-conflict'
  /** Once extended (and the citizen told the new date) the type, and so the period, stays. */
  | 'type-locked';

export class DeadlineChangeRefusedError extends Error {
  override readonly name = 'DeadlineChangeRefusedError';
  constructor(
    readonly refusal: DeadlineRefusal,
    message: string,
  ) {
    super(message);
  }
}
