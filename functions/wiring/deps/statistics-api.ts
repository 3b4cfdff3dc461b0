import type { Clock } from '../../core/ports/runtime.ts';
import type { RollupQueryDeps } from '../../core/statistics/statistics-report.ts';
import type { StaffApiDeps } from './staff-api.ts';

export interface StatisticsApiDeps extends StaffApiDeps {
  clock: Clock;
  rollups: RollupQueryDeps;
}
