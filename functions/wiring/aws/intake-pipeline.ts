import type { PipelineDeps } from '../../handlers/intake-pipeline.ts';
import { complaintRepository } from './complaints.ts';
import { piiProtector } from './pii.ts';
import { amazonTranslator, eventPublisher, s3MediaStore, twilioMediaFetcher } from './pipeline-parts.ts';
import { clock, log } from './log-and-clock.ts';
import { intakeQueue } from './sqs-intake.ts';

/** Must equal the intake queue's redrive maxReceiveCount in CDK (lib/). */
export const INTAKE_MAX_RECEIVE_COUNT = 5;

export async function pipelineDeps(): Promise<PipelineDeps> {
  const repository = complaintRepository();
  const translator = amazonTranslator();
  const queue = intakeQueue();
  const events = eventPublisher();
  return {
    ingest: {
      repository,
      pii: await piiProtector(),
      clock,
      log,
      translator,
      intakeQueue: queue,
      mediaFetcher: await twilioMediaFetcher(log),
      mediaStore: s3MediaStore(),
      events,
    },
    translate: { repository, translator, intakeQueue: queue, events, clock, log },
    log,
    maxReceiveCount: INTAKE_MAX_RECEIVE_COUNT,
  };
}
