import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createHappyCallRepository } from '../functions/adapters/dynamodb/happy-call-repository.ts';
import { createConnectContactLinks } from '../functions/adapters/voice/connect-contact-links.ts';
import { createContactEventHandler } from '../functions/channels/voice/contact-event-handler.ts';
import { createContactStartHandler } from '../functions/channels/voice/contact-start-handler.ts';
import { createHappyCallOutcomeHandler } from '../functions/channels/voice/happy-call-outcome-handler.ts';
import type { IngestDeps } from '../functions/core/ingest-message.ts';
import type { Clock, Log } from '../functions/core/ports/runtime.ts';
import { createVoiceStatusHistory } from '../functions/core/voice/contact-status-history.ts';
import { dueCalls, notDueReason } from '../functions/core/voice/happy-call.ts';
import { createVoiceComplaints } from '../functions/core/voice/voice-complaints.ts';
import { readBody } from './apigw-event.ts';
import { sendJson, type LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';

export interface VoiceRouteParts {
  db: DynamoDBDocumentClient;
  tableName: string;
  /** The pipeline's ingest deps: a call is ingested by the same use case as any contact. */
  ingest: IngestDeps;
  clock: Clock;
  log: Log;
}

/** The flow Lambdas as Connect invokes them; `POST /connect/{function}` answers what Lambda would return. */
export const CONNECT_FUNCTIONS = ['contact-start', 'contact-events', 'happy-call-outcome'] as const;

async function readJson(request: IncomingMessage, response: ServerResponse): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const text = (await readBody(request)).toString('utf8');
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    sendJson(response, 400, { error: 'body is not JSON (post the Connect event as Lambda receives it)' });
    return { ok: false };
  }
}

/**
 * Voice locally: calls cannot ring here, but the Lambdas Amazon Connect invokes can run on the
 * embedded store with the documented event JSON, and the happy-call scheduler's computation of
 * due calls is visible (nothing is dialled locally).
 */
export function mountVoiceRoutes(router: Router<LocalTarget>, parts: VoiceRouteParts): void {
  const { log, clock } = parts;
  const happyCalls = createHappyCallRepository(parts.db, parts.tableName);
  const handlers: Record<(typeof CONNECT_FUNCTIONS)[number], (event: unknown) => Promise<unknown>> = {
    'contact-start': createContactStartHandler({
      complaints: createVoiceComplaints(parts.ingest),
      log,
      now: () => clock.now(),
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
    }),
    'contact-events': async (event) => {
      const status = createVoiceStatusHistory({ repository: parts.ingest.repository, links: createConnectContactLinks(parts.db, parts.tableName), log });
      const entries = await createContactEventHandler({ status, log })(event);
      return { entries: entries.length };
    },
    'happy-call-outcome': createHappyCallOutcomeHandler({ repository: happyCalls, log, now: () => clock.now() }),
  };

  router.add('POST', '/connect/{function}', {
    kind: 'native',
    handle: async (request, response, params) => {
      const name = params?.function ?? '';
      const handler = (CONNECT_FUNCTIONS as readonly string[]).includes(name) ? handlers[name as (typeof CONNECT_FUNCTIONS)[number]] : undefined;
      if (!handler) {
        sendJson(response, 404, { error: `no Connect function ${name}; one of ${CONNECT_FUNCTIONS.join(', ')}` });
        return;
      }
      const body = await readJson(request, response);
      if (!body.ok) return;
      sendJson(response, 200, await handler(body.value));
    },
  });

  router.add('GET', '/api/happy-calls/due', {
    kind: 'native',
    staff: { permission: 'complaints:read' },
    handle: async (request, response) => {
      const at = new URL(request.url ?? '/', 'http://local').searchParams.get('at');
      const now = at ? new Date(at) : clock.now();
      if (Number.isNaN(now.getTime())) {
        sendJson(response, 400, { error: 'at must be an ISO instant' });
        return;
      }
      const registrations = await happyCalls.listActive();
      sendJson(response, 200, {
        at: now.toISOString(),
        due: dueCalls(registrations, now),
        notDue: registrations
          .map((r) => ({ registrationId: r.registrationId, reason: notDueReason(r, now) }))
          .filter((r): r is { registrationId: string; reason: string } => r.reason !== undefined),
      });
    },
  });
}
