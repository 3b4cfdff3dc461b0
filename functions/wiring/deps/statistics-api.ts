import type { Clock, Log } from '../../core/ports/runtime.ts';
import type { RollupQueryDeps } from '../../core/statistics/statistics-report.ts';

export interface StatisticsApiDeps {
  log: Log;
  clock: Clock;
  rollups: RollupQueryDeps;
}
