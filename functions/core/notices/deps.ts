import type { CitizenPreferences } from '../ports/citizen-preferences.ts';
import type { ComplaintRepository } from '../ports/complaint-repository.ts';
import type { PiiProtector } from '../ports/pii.ts';
import type { Clock, Log } from '../ports/runtime.ts';
import type { Translator } from '../ports/translator.ts';
import type { ChannelSend } from '../reply.ts';
import type { NoticeRoute } from './model.ts';
import type { NoticeOutbox } from './ports.ts';

export interface NoticeDeps {
  outbox: NoticeOutbox;
  repository: ComplaintRepository;
  /** The citizen's SMS opt-out (ADR 0013): an opted-out number gets no notices. */
  preferences: CitizenPreferences;
  pii: PiiProtector;
  clock: Clock;
  log: Log;
  /** Per route; SMS is the stage's SmsSender as replies use it (core/reply.ts senderFor). */
  senders: Partial<Record<NoticeRoute, ChannelSend>>;
  /** Puts an extension's reason into a foreign citizen's language; null: it goes as the counselor wrote it. */
  translator: Translator | null;
}
