import type { ApiKeys } from '../../core/open311/api-keys.ts';
import type { Open311Store } from '../../core/open311/ports.ts';
import type { RateLimits } from '../../core/open311/rate-limits.ts';
import type { ComplaintRepository } from '../../core/ports/complaint-repository.ts';
import type { IntakeQueue } from '../../core/ports/intake-queue.ts';
import type { MediaStore } from '../../core/ports/media.ts';
import type { Clock, Log } from '../../core/ports/runtime.ts';

export interface Open311ApiDeps {
  log: Log;
  clock: Clock;
  apiKeys: ApiKeys;
  /** The key the city's own site uses (served to it by /open311/web-client.json); not a secret. */
  webClientKey?: string;
  store: Open311Store;
  repository: ComplaintRepository;
  intake: IntakeQueue;
  mediaStore: MediaStore;
  jurisdictionId: string;
  limits: RateLimits;
  /** scheme://host[/base path] the API is reached at; derived from the request when unset. */
  publicBaseUrl?: string;
  production: boolean;
  /** Service Discovery changeset: when the service list last changed. */
  changeset: string;
  contact: string;
  newUploadId(): string;
}
