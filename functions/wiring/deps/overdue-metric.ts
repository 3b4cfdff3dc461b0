import type { OverdueDeps, OverdueMeasurement } from '../../core/deadlines/list-overdue.ts';
import type { WorkingCalendar } from '../../core/deadlines/working-time.ts';
import type { Log } from '../../core/ports/runtime.ts';

export interface OverdueMetricDeps extends OverdueDeps {
  calendar: WorkingCalendar;
  metrics: { record(measurement: OverdueMeasurement): void };
  log: Log;
}
