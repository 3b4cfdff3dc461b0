import type { Log } from '../../core/ports/runtime.ts';
import type { SelfServiceStats } from '../../core/self-service/self-service-stats.ts';

export interface SelfServiceStatsDeps {
  log: Log;
  stats: Pick<SelfServiceStats, 'dayStats'>;
}
