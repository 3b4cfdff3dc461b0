import type { Log } from '../../core/ports/runtime.ts';
import type { SelfService } from '../../core/self-service/self-service.ts';

export interface SelfServiceAnswersDeps {
  log: Log;
  selfService: Pick<SelfService, 'searchAnswers' | 'openAnswer' | 'answerDidNotHelp'>;
  /** The citizen page's origin for CORS (CloudFront); null: same origin. */
  allowedOrigin: string | null;
}
