import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LibreTranslateTranslator } from '../../../functions/adapters/translate/libretranslate-translator.ts';
import { ingestMessage } from '../../../functions/core/ingest-message.ts';
import { translatePendingMessage } from '../../../functions/core/translate-message.ts';
import { startFakeLibreTranslate, type FakeLibreTranslate } from '../../support/fake-libretranslate.ts';
import { intakeDeps, smsMessage, startHarness, uniquePhone, type Harness } from './harness.ts';

/*
 * A LibreTranslate server that wants an API key answers a request without one 400 "Please
 * contact the server operator to get an API key" (LibreTranslate app.py). That is our
 * configuration, not the citizen's text: the message stays pending and retried, and the
 * operator is told at error level.
 */
describe('a translation service configuration error', () => {
  let harness: Harness;
  let libre: FakeLibreTranslate;
  beforeAll(async () => {
    harness = await startHarness();
    libre = await startFakeLibreTranslate({ apiKey: 'operator-key' });
  });
  afterAll(async () => {
    await libre.close();
    await harness.close();
  });

  it('keeps the message pending with a retry, and logs an error naming the configuration', async () => {
    const deps = intakeDeps(harness, { translator: new LibreTranslateTranslator({ baseUrl: libre.url }) });
    const outcome = await ingestMessage(deps, smsMessage({ citizenHandle: uniquePhone(), text: 'The bus stop light is broken again.' }));
    const [retry] = deps.intakeQueue.drain();
    if (retry?.envelope.kind !== 'translate') throw new Error('expected a translate envelope');

    const result = await translatePendingMessage(deps, retry.envelope);

    expect(outcome.translation).toBe('pending');
    expect(result).toMatchObject({ translation: 'pending', changed: true });
    const stored = await harness.repository.getMessage(outcome.complaintId, outcome.messageId);
    expect(stored?.translation).toMatchObject({ status: 'pending', lastError: expect.stringContaining('API key') });
    expect(deps.log.lines).toContainEqual(expect.objectContaining({ level: 'error', message: expect.stringMatching(/configuration/) }));
  });
});
