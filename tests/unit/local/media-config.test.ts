import { describe, expect, it } from 'vitest';
import { createTwilioMediaFetcher } from '../../../functions/adapters/media/twilio-media-source.ts';
import { MediaRefusedError } from '../../../functions/core/ports/media.ts';
import { loadLocalConfig } from '../../../local/config.ts';

describe('local media settings', () => {
  it("defaults to Twilio's origins only, with loopback refused: npm start is safe as shipped", async () => {
    const config = loadLocalConfig({});
    expect(config.MEDIA_ALLOWED_ORIGINS).toEqual([]);
    expect(config.MEDIA_ALLOW_LOOPBACK_FOR_TESTS).toBe(false);
    const fetcher = createTwilioMediaFetcher({ extraOrigins: config.MEDIA_ALLOWED_ORIGINS, allowLoopbackForTests: config.MEDIA_ALLOW_LOOPBACK_FOR_TESTS });
    for (const url of ['http://127.0.0.1:3120/api/complaints', 'http://127.0.0.1:8120/', 'http://169.254.169.254/latest/meta-data/']) {
      await expect(fetcher.fetch(url, { maxBytes: 1024 }), url).rejects.toBeInstanceOf(MediaRefusedError);
    }
  });

  it('turns the loopback switch on only with the exact word true', () => {
    expect(loadLocalConfig({ MEDIA_ALLOW_LOOPBACK_FOR_TESTS: 'true' }).MEDIA_ALLOW_LOOPBACK_FOR_TESTS).toBe(true);
    expect(loadLocalConfig({ MEDIA_ALLOW_LOOPBACK_FOR_TESTS: 'false' }).MEDIA_ALLOW_LOOPBACK_FOR_TESTS).toBe(false);
    for (const value of ['1', 'yes', 'TRUE', 'on', '']) {
      expect(() => loadLocalConfig({ MEDIA_ALLOW_LOOPBACK_FOR_TESTS: value }), value).toThrow(/MEDIA_ALLOW_LOOPBACK_FOR_TESTS/);
    }
  });

  it('refuses an http media origin unless the loopback switch is on', () => {
    const config = loadLocalConfig({ MEDIA_ALLOWED_ORIGINS: 'http://127.0.0.1:9000, https://media.example.com' });
    expect(config.MEDIA_ALLOWED_ORIGINS).toEqual(['http://127.0.0.1:9000', 'https://media.example.com']);
    expect(() => createTwilioMediaFetcher({ extraOrigins: config.MEDIA_ALLOWED_ORIGINS })).toThrow(/MEDIA_ALLOW_LOOPBACK_FOR_TESTS/);
    expect(() => createTwilioMediaFetcher({ extraOrigins: config.MEDIA_ALLOWED_ORIGINS, allowLoopbackForTests: true })).not.toThrow();
  });
});
