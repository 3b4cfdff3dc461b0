import { randomUUID } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { maskPhone } from '../functions/core/citizen-handle.ts';
import { PROVIDER_MAX_BODY_CHARS, type SmsSender, type SmsSendRequest, type SmsSendResult } from '../functions/core/ports/sms-sender.ts';

export interface OutboxEntry {
  providerMessageId: string;
  /** Masked destination: the outbox is shown by the API, so no clear phone numbers. */
  to: string;
  body: string;
  idempotencyKey: string;
  at: string;
}

/**
 * Local stand-in for an SMS provider: replies land in DATA_DIR/outbox.jsonl, shown by
 * GET /api/outbox. Idempotent on the reply's key, as a careful provider integration is.
 */
export class OutboxSmsSender implements SmsSender {
  readonly name = 'local-outbox';
  /** Plays a provider: the same body limit, so long replies leave in parts locally too. */
  readonly maxBodyUnits = PROVIDER_MAX_BODY_CHARS;
  private readonly entries: OutboxEntry[] = [];

  constructor(private readonly file: string) {}

  async open(): Promise<void> {
    const text = await readFile(this.file, 'utf8').catch(() => '');
    for (const line of text.split('\n')) if (line.trim()) this.entries.push(JSON.parse(line) as OutboxEntry);
  }

  async send(request: SmsSendRequest): Promise<SmsSendResult> {
    const existing = this.entries.find((entry) => entry.idempotencyKey === request.idempotencyKey);
    if (existing) return { providerMessageId: existing.providerMessageId };
    const entry: OutboxEntry = {
      providerMessageId: `LOCAL${randomUUID().replace(/-/g, '')}`,
      to: maskPhone(request.to),
      body: request.body,
      idempotencyKey: request.idempotencyKey,
      at: new Date().toISOString(),
    };
    await appendFile(this.file, `${JSON.stringify(entry)}\n`);
    this.entries.push(entry);
    return { providerMessageId: entry.providerMessageId };
  }

  list(): OutboxEntry[] {
    return [...this.entries].reverse();
  }
}
