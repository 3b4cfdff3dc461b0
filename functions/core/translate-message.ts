import { resolvePolicy, translationRetryDelaySeconds, type IntakePolicy } from './intake-policy.ts';
import { suggestForComplaint, type ComplaintSuggestionDeps } from './knowledge/complaint-suggestions.ts';
import type { Translation, TranslationStatus } from './model.ts';
import type { ComplaintRepository } from './ports/complaint-repository.ts';
import type { EventPublisher } from './ports/events.ts';
import type { IntakeQueue } from './ports/intake-queue.ts';
import type { Clock, Log } from './ports/runtime.ts';
import { TranslationConfigurationError, TranslationRejectedError, TranslationRetryableError, type Translator } from './ports/translator.ts';
import { describeTranslationError, planTranslation } from './translation-plan.ts';

export interface TranslateMessageDeps {
  repository: ComplaintRepository;
  translator: Translator | null;
  intakeQueue: IntakeQueue;
  events: EventPublisher;
  clock: Clock;
  log: Log;
  policy?: Partial<IntakePolicy>;
  /** Knowledge cases for a complaint whose founding message's Korean text only now exists. */
  suggestions?: Pick<ComplaintSuggestionDeps, 'suggest' | 'store'>;
}

export interface TranslateMessageInput {
  complaintId: string;
  messageId: string;
  /** 1 for the first deferred attempt (intake made attempt 0 inline). */
  attempt: number;
}

export interface TranslateMessageResult {
  /** The message's translation status afterwards; `missing` when the message does not exist. */
  translation: TranslationStatus | 'missing';
  /** False when nothing was left to do (already translated by an earlier delivery). */
  changed: boolean;
  /** Delay of the re-enqueued attempt, when one was. */
  retryInSeconds?: number;
}

/**
 * Deferred translation of a stored message (a `translate` envelope). Idempotent: only a
 * message still `pending` is translated, and the result is recorded with an update
 * conditional on it still being pending, so duplicate envelopes never translate twice into
 * the record. A retryable failure re-enqueues with exponential delay (capped at the SQS
 * maximum of 900 s) until the attempt budget is spent; then the translation is `failed`
 * and the counselor reads the original.
 */
export async function translatePendingMessage(deps: TranslateMessageDeps, input: TranslateMessageInput): Promise<TranslateMessageResult> {
  const policy = resolvePolicy(deps.policy);
  const logContext = { complaintId: input.complaintId, messageId: input.messageId, attempt: input.attempt };
  const message = await deps.repository.getMessage(input.complaintId, input.messageId);
  if (!message) {
    deps.log.warn('translation requested for a message that does not exist', logContext);
    return { translation: 'missing', changed: false };
  }
  const previous = message.translation;
  if (previous.status !== 'pending') return { translation: previous.status, changed: false };

  const now = deps.clock.now().toISOString();
  const attempts = previous.attempts + 1;
  const record = async (translation: Translation): Promise<TranslateMessageResult> => {
    const changed = await deps.repository.updatePendingTranslation(input.complaintId, input.messageId, translation, previous.attempts);
    if (!changed) {
      const current = await deps.repository.getMessage(input.complaintId, input.messageId);
      return { translation: current?.translation.status ?? translation.status, changed: false };
    }
    return { translation: translation.status, changed: true };
  };

  const plan = planTranslation(message.text, message.language, deps.translator);
  if (plan.kind === 'settled' || deps.translator === null) {
    const status = plan.kind === 'settled' ? plan.status : 'unavailable';
    const reason = plan.kind === 'settled' ? plan.reason : undefined;
    return record({ ...previous, status, updatedAt: now, ...(reason ? { lastError: reason } : {}) });
  }

  const provider = deps.translator.name;
  try {
    const result = await deps.translator.translate({ text: message.text, source: plan.source, target: 'ko' });
    const translation: Translation = { status: 'done', text: result.text, provider, attempts, updatedAt: now };
    const done = await record(translation);
    if (done.changed) {
      if (deps.suggestions) await suggestForComplaint({ ...deps.suggestions, clock: deps.clock, log: deps.log }, input.complaintId, { ...message, translation });
      await deps.events.publish([{ type: 'message.translated', complaintId: input.complaintId, messageId: input.messageId, at: now }]);
      deps.log.info('deferred translation done', { ...logContext, provider });
    }
    return done;
  } catch (error) {
    const lastError = describeTranslationError(error);
    const retryable = !(error instanceof TranslationRejectedError);
    if (!retryable || input.attempt >= policy.translationMaxAttempts) {
      deps.log.warn('translation failed', { ...logContext, provider, error: lastError, retryable });
      return record({ status: 'failed', provider, attempts, lastError, updatedAt: now });
    }
    const kept = await record({ status: 'pending', provider, attempts, lastError, updatedAt: now });
    if (!kept.changed) return kept;
    const retryInSeconds = translationRetryDelaySeconds(input.attempt + 1, policy);
    await deps.intakeQueue.send(
      [{ kind: 'translate', complaintId: input.complaintId, messageId: input.messageId, attempt: input.attempt + 1 }],
      { delaySeconds: retryInSeconds },
    );
    // A refused API key needs an operator: said at error level so the log alarm sees it.
    const configuration = error instanceof TranslationConfigurationError;
    deps.log[configuration ? 'error' : 'warn'](configuration ? 'translation service configuration error; retry scheduled' : 'translation retry scheduled', {
      ...logContext,
      provider,
      error: lastError,
      retryInSeconds,
      throttled: error instanceof TranslationRetryableError,
    });
    return { translation: 'pending', changed: true, retryInSeconds };
  }
}
