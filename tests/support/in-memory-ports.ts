import { randomBytes } from 'node:crypto';
import type { IntakeEnvelope } from '../../schemas/inbound-message.ts';
import { AesHmacPiiProtector } from '../../functions/adapters/pii/aes-hmac-pii-protector.ts';
import type { DomainEvent, EventPublisher } from '../../functions/core/ports/events.ts';
import type { IntakeQueue } from '../../functions/core/ports/intake-queue.ts';
import { MediaTooLargeError, type FetchedMedia, type MediaFetcher, type MediaStore } from '../../functions/core/ports/media.ts';
import type { PiiProtector } from '../../functions/core/ports/pii.ts';
import type { Clock, Log } from '../../functions/core/ports/runtime.ts';
import type { SmsSender, SmsSendRequest } from '../../functions/core/ports/sms-sender.ts';
import {
  TranslationRejectedError,
  TranslationRetryableError,
  type TranslateRequest,
  type Translator,
} from '../../functions/core/ports/translator.ts';

/**
 * Scriptable translator: answers `[<source>→<target>] <text>` unless a failure is queued, or the
 * phrasebook's translation when it has the text. `throttle(n)` makes the next n calls throw
 * TranslationRetryableError.
 */
export class FakeTranslator implements Translator {
  readonly name = 'fake-translate';
  readonly calls: TranslateRequest[] = [];
  #script: Array<'retryable' | 'rejected'> = [];

  constructor(private readonly phrasebook: Readonly<Record<string, string>> = {}) {}

  throttle(times: number): this {
    for (let i = 0; i < times; i += 1) this.#script.push('retryable');
    return this;
  }

  reject(): this {
    this.#script.push('rejected');
    return this;
  }

  async translate(request: TranslateRequest): Promise<{ text: string }> {
    this.calls.push(request);
    const failure = this.#script.shift();
    if (failure === 'retryable') throw new TranslationRetryableError('ThrottlingException: rate exceeded');
    if (failure === 'rejected') throw new TranslationRejectedError('UnsupportedLanguagePairException');
    return { text: this.phrasebook[request.text] ?? `[${request.source}→${request.target}] ${request.text}` };
  }
}

export class RecordingIntakeQueue implements IntakeQueue {
  readonly sent: Array<{ envelope: IntakeEnvelope; delaySeconds?: number }> = [];

  async send(envelopes: IntakeEnvelope[], options?: { delaySeconds?: number }): Promise<void> {
    for (const envelope of envelopes) this.sent.push({ envelope, ...(options?.delaySeconds !== undefined ? { delaySeconds: options.delaySeconds } : {}) });
  }

  /** Removes and returns what was sent so far (a test's queue pump). */
  drain(): Array<{ envelope: IntakeEnvelope; delaySeconds?: number }> {
    return this.sent.splice(0, this.sent.length);
  }
}

export class RecordingEventPublisher implements EventPublisher {
  readonly events: DomainEvent[] = [];

  async publish(events: DomainEvent[]): Promise<void> {
    this.events.push(...events);
  }

  ofType<T extends DomainEvent['type']>(type: T): Extract<DomainEvent, { type: T }>[] {
    return this.events.filter((e): e is Extract<DomainEvent, { type: T }> => e.type === type);
  }
}

/** Serves media by URL; a URL mapped to an Error throws it (once, when `once` is set). */
export class FakeMediaFetcher implements MediaFetcher {
  readonly fetched: string[] = [];
  readonly #media = new Map<string, FetchedMedia | { error: Error; once: boolean }>();

  serve(url: string, bytes: Uint8Array, contentType: string): this {
    this.#media.set(url, { bytes, contentType });
    return this;
  }

  fail(url: string, error: Error, options: { once?: boolean } = {}): this {
    this.#media.set(url, { error, once: options.once ?? false });
    return this;
  }

  async fetch(url: string, options: { maxBytes: number }): Promise<FetchedMedia> {
    this.fetched.push(url);
    const entry = this.#media.get(url);
    if (!entry) throw new Error(`404 for ${url}`);
    if ('error' in entry) {
      if (entry.once) this.#media.delete(url);
      throw entry.error;
    }
    if (entry.bytes.byteLength > options.maxBytes) throw new MediaTooLargeError(`over ${options.maxBytes} bytes`);
    return entry;
  }
}

export class InMemoryMediaStore implements MediaStore {
  readonly objects = new Map<string, { bytes: Uint8Array; contentType: string }>();

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    this.objects.set(key, { bytes, contentType });
  }

  async get(key: string): Promise<FetchedMedia | null> {
    return this.objects.get(key) ?? null;
  }
}

export class ManualClock implements Clock {
  #now: Date;

  constructor(start = '2026-03-02T01:00:00.000Z') {
    this.#now = new Date(start);
  }

  now(): Date {
    return new Date(this.#now);
  }

  set(instant: string): void {
    this.#now = new Date(instant);
  }

  advance(ms: number): void {
    this.#now = new Date(this.#now.getTime() + ms);
  }
}

export interface LogLine {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  attributes?: Record<string, unknown>;
}

/** Captures log lines so tests can assert what was (and was not) logged. */
export class CapturingLog implements Log {
  readonly lines: LogLine[] = [];

  debug(message: string, attributes?: Record<string, unknown>): void {
    this.#push('debug', message, attributes);
  }

  info(message: string, attributes?: Record<string, unknown>): void {
    this.#push('info', message, attributes);
  }

  warn(message: string, attributes?: Record<string, unknown>): void {
    this.#push('warn', message, attributes);
  }

  error(message: string, attributes?: Record<string, unknown>): void {
    this.#push('error', message, attributes);
  }

  /** Everything logged, serialised as a log sink would see it. */
  text(): string {
    return this.lines.map((line) => JSON.stringify(line)).join('\n');
  }

  #push(level: LogLine['level'], message: string, attributes?: Record<string, unknown>): void {
    this.lines.push({ level, message, ...(attributes ? { attributes } : {}) });
  }
}

/** The production HMAC + AES-GCM protector with throwaway keys. */
export function testPiiProtector(): PiiProtector {
  return new AesHmacPiiProtector({ hmacKey: randomBytes(32), sealKey: randomBytes(32) });
}

/** An SMS sender that records what it sends, or fails while `failing` is set. */
export class RecordingSmsSender implements SmsSender {
  readonly name = 'recording-sms';
  readonly maxBodyUnits = 1600;
  readonly sent: SmsSendRequest[] = [];
  failing: Error | null = null;

  async send(request: SmsSendRequest): Promise<{ providerMessageId: string }> {
    if (this.failing) throw this.failing;
    this.sent.push(request);
    return { providerMessageId: `SM${String(this.sent.length).padStart(32, '0')}` };
  }
}
