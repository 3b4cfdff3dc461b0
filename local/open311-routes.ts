import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoOpen311Store } from '../functions/adapters/dynamodb/open311-store.ts';
import { crockfordBase32 } from '../functions/core/ids.ts';
import { ApiKeys, parseClientList } from '../functions/core/open311/api-keys.ts';
import { OPEN311_ROUTES } from '../functions/core/open311/routes.ts';
import { OPEN311_CHANGESET, OPEN311_CONTACT, OPEN311_RATE_LIMITS, type RateLimitsOverride } from '../functions/core/open311/settings.ts';
import type { ComplaintRepository } from '../functions/core/ports/complaint-repository.ts';
import type { IntakeQueue } from '../functions/core/ports/intake-queue.ts';
import type { MediaStore } from '../functions/core/ports/media.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import { createOpen311ApiHandler } from '../functions/handlers/open311-api.ts';
import type { Open311ApiDeps } from '../functions/wiring/deps/open311-api.ts';
import type { LocalConfig } from './config.ts';
import { lambdaTarget, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';

export interface LocalOpen311Parts {
  config: LocalConfig;
  db: DynamoDBDocumentClient;
  repository: ComplaintRepository;
  intake: IntakeQueue;
  mediaStore: MediaStore;
  clock: Clock;
  log: Log;
  /** The gateway's URL, known once it listens (PORT=0). */
  publicBaseUrl: () => string;
  limits?: RateLimitsOverride;
}

/**
 * The Open311 API Lambda on every route of OPEN311_ROUTES. Public, like in AWS: no staff gate;
 * forms and photos are not JSON, so the JSON body rule of the staff APIs does not apply.
 */
export function mountOpen311Routes(router: Router<LocalTarget>, parts: LocalOpen311Parts): Open311ApiDeps {
  const clients = parseClientList(parts.config.OPEN311_API_KEYS);
  const deps: Open311ApiDeps = {
    log: parts.log,
    clock: parts.clock,
    apiKeys: new ApiKeys(clients),
    ...(clients.some((client) => client.name === 'web') ? { webClientKey: clients.find((client) => client.name === 'web')?.key ?? '' } : {}),
    store: new DynamoOpen311Store(parts.db, parts.config.TABLE_NAME, parts.config.OPEN311_API_KEYS),
    repository: parts.repository,
    intake: parts.intake,
    mediaStore: parts.mediaStore,
    jurisdictionId: parts.config.OPEN311_JURISDICTION_ID,
    limits: { ...OPEN311_RATE_LIMITS, ...parts.limits },
    get publicBaseUrl() {
      return parts.publicBaseUrl();
    },
    production: false,
    changeset: OPEN311_CHANGESET,
    contact: OPEN311_CONTACT,
    newUploadId: () => crockfordBase32(randomBytes(16)).toLowerCase(),
  };
  const target = lambdaTarget('open311-api', createOpen311ApiHandler(async () => deps), { providerWebhook: true });
  for (const route of OPEN311_ROUTES) router.add(route.method, route.path, target);
  return deps;
}
