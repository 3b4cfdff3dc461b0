import { maskPersonalData } from '../../core/pii-masking.ts';

/**
 * Log fields for a failure: its name and its message, which is what an operator needs to fix a
 * configuration or secret error. Phone and resident registration numbers a provider or SDK error
 * may quote are masked, and the message is capped.
 */
export function describeError(error: unknown): { errorName: string; errorMessage: string } {
  const message = error instanceof Error ? error.message : String(error);
  return { errorName: error instanceof Error ? error.name : 'unknown', errorMessage: maskPersonalData(message).slice(0, 500) };
}
