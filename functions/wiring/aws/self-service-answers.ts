import type { SelfServiceAnswersDeps } from '../deps/self-service-answers.ts';
import { buildSelfService } from '../self-service.ts';
import { optionalChatEnv } from './chat-env.ts';
import { knowledgeSearchParts } from './knowledge-parts.ts';
import { piiProtector } from './pii.ts';
import { log } from './log-and-clock.ts';

/** The public answers function: the index and public answers objects (signed GETs), counters and address windows (keyed hash). */
export async function selfServiceAnswersDeps(): Promise<SelfServiceAnswersDeps> {
  const pii = await piiProtector();
  return {
    log,
    selfService: buildSelfService({ ...knowledgeSearchParts(), hashAddress: (address) => pii.hash(address) }),
    allowedOrigin: optionalChatEnv('allowedOrigin'),
  };
}
