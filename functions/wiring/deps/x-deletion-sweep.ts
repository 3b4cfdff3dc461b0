import type { ComplianceSweepResult } from '../../core/x/compliance-sweep.ts';
import type { Log } from '../../core/ports/runtime.ts';

export interface XDeletionSweepDeps {
  log: Log;
  sweep(): Promise<ComplianceSweepResult>;
}
