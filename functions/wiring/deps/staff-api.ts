import type { AccessRecorder } from '../../core/audit/deps.ts';
import type { Log } from '../../core/ports/runtime.ts';

/** What every staff API handler's deps carry: where errors are logged and where access records go. */
export interface StaffApiDeps {
  readonly log: Log;
  readonly access: AccessRecorder;
  /** Browser origins answered with CORS headers: the workspace app's, in AWS (none locally: same origin). */
  readonly corsOrigins?: readonly string[];
}
