import type { IngestDeps } from '../../core/ingest-message.ts';
import type { Log } from '../../core/ports/runtime.ts';
import type { SmsKeywordDeps } from '../../core/sms-keyword-intake.ts';
import type { TranslateMessageDeps } from '../../core/translate-message.ts';

export interface PipelineDeps {
  ingest: IngestDeps;
  /** Opt-out, opt-in and help keywords: acted on first, and never filed as complaints. */
  keywords: SmsKeywordDeps;
  translate: TranslateMessageDeps;
  log: Log;
  /** The queue's redrive maxReceiveCount: the last delivery stores text even if media keeps failing. */
  maxReceiveCount: number;
  /** Told of each failed record (the local queue keeps the last error beside the message). */
  onRecordFailed?: (sqsMessageId: string, error: unknown) => void;
}
