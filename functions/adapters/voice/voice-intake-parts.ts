import type { IntakeQueue } from '../../core/ports/intake-queue.ts';
import type { MediaFetcher, MediaStore } from '../../core/ports/media.ts';

/**
 * Ports the ingest use case needs that a call never uses: a call is ingested with no text and no
 * media, so there is no media to fetch or store and no translation to defer. Failing loudly
 * keeps the contact-start Lambda free of S3 and SQS clients and grants it would never exercise.
 */
export class CallsCarryNoMediaError extends Error {
  override readonly name = 'CallsCarryNoMediaError';
}

export const noCallMediaFetcher: MediaFetcher = {
  fetch: () => Promise.reject(new CallsCarryNoMediaError('a call announced media; contact-start ingests none')),
};

export const noCallMediaStore: MediaStore = {
  put: () => Promise.reject(new CallsCarryNoMediaError('a call has no media to store')),
  get: () => Promise.reject(new CallsCarryNoMediaError('a call has no media to read')),
};

export const noDeferredCallWork: IntakeQueue = {
  send: () => Promise.reject(new CallsCarryNoMediaError('a call has no text whose translation could be deferred')),
};
