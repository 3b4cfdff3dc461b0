import type { SelfServiceStats } from '../../core/self-service/self-service-stats.ts';
import type { StaffApiDeps } from './staff-api.ts';

export interface SelfServiceStatsDeps extends StaffApiDeps {
  stats: Pick<SelfServiceStats, 'dayStats'>;
}
