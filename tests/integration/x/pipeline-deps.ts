import { DynamoComplaintRepository } from '../../../functions/adapters/dynamodb/complaint-repository.ts';
import type { IngestDeps } from '../../../functions/core/ingest-message.ts';
import type { Translator } from '../../../functions/core/ports/translator.ts';
import {
  CapturingLog,
  FakeMediaFetcher,
  InMemoryMediaStore,
  RecordingEventPublisher,
  RecordingIntakeQueue,
  testPiiProtector,
} from '../../support/in-memory-ports.ts';
import type { PollerHarness } from './harness.ts';

/** The pipeline's intake on the harness table: what stores the mentions the X tests then sweep, edit or answer. */
export function pipelineDeps(h: PollerHarness, translator: Translator | null): { repository: DynamoComplaintRepository; ingest: IngestDeps } {
  const repository = new DynamoComplaintRepository(h.db, h.table.tableName);
  return {
    repository,
    ingest: {
      repository,
      pii: testPiiProtector(),
      clock: h.clock,
      log: new CapturingLog(),
      translator,
      intakeQueue: new RecordingIntakeQueue(),
      mediaFetcher: new FakeMediaFetcher(),
      mediaStore: new InMemoryMediaStore(),
      events: new RecordingEventPublisher(),
    },
  };
}
