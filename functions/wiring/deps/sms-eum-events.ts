import type { DeliveryReportDeps } from '../../core/delivery-reports.ts';
import type { Log } from '../../core/ports/runtime.ts';

export interface EumEventsDeps {
  log: Log;
  reports: DeliveryReportDeps;
}
