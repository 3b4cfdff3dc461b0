import { describe, expect, it } from 'vitest';
import { checkAnnouncedMedia } from '../../../functions/core/media-policy.ts';
import { collectMedia } from '../../../functions/core/media-intake.ts';
import { FakeMediaFetcher, InMemoryMediaStore } from '../../support/in-memory-ports.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const ids = { complaintId: 'cmp_x', messageId: 'msg_y' };
const UPLOAD = 'uploads/0123456789abcdefghjkmnpqrs.png';

describe('media of Open311 requests', () => {
  it('lets the bytes decide when a client announces only octet-stream', () => {
    expect(checkAnnouncedMedia('application/octet-stream')).toEqual({ ok: true });
  });

  it('takes a photo uploaded to our own endpoint from the media store, not over HTTP, and files it under the message', async () => {
    const mediaStore = new InMemoryMediaStore();
    await mediaStore.put(UPLOAD, PNG, 'image/png');
    const mediaFetcher = new FakeMediaFetcher();
    const result = await collectMedia(
      { mediaFetcher, mediaStore },
      [{ url: 'https://api.example.org/open311/uploads/0123456789abcdefghjkmnpqrs.png', contentType: 'image/png', storedKey: UPLOAD }],
      { ...ids, provider: 'open311' },
      false,
    );
    expect(mediaFetcher.fetched).toEqual([]);
    expect(result.attachments).toEqual([{ key: 'media/cmp_x/msg_y/0.png', contentType: 'image/png', sizeBytes: PNG.byteLength }]);
  });

  it('refuses an upload that is not in the store with a reason, keeping the request', async () => {
    const result = await collectMedia(
      { mediaFetcher: new FakeMediaFetcher(), mediaStore: new InMemoryMediaStore() },
      [{ url: 'https://api.example.org/open311/uploads/0123456789abcdefghjkmnpqrs.png', contentType: 'image/png', storedKey: UPLOAD }],
      { ...ids, provider: 'open311' },
      false,
    );
    expect(result.refused).toEqual([{ contentType: 'image/png', reason: expect.stringMatching(/upload.*not found/) }]);
  });

  it("fetches a client's media URL with the provider's own fetcher", async () => {
    const twilio = new FakeMediaFetcher();
    const open311 = new FakeMediaFetcher().serve('https://photos.example.org/a', PNG, 'application/octet-stream');
    const result = await collectMedia(
      { mediaFetcher: twilio, mediaFetchers: { open311 }, mediaStore: new InMemoryMediaStore() },
      [{ url: 'https://photos.example.org/a', contentType: 'application/octet-stream' }],
      { ...ids, provider: 'open311' },
      false,
    );
    expect(twilio.fetched).toEqual([]);
    expect(open311.fetched).toEqual(['https://photos.example.org/a']);
    expect(result.attachments).toHaveLength(1);
  });

  it('caps Open311 media at 4 MiB, so a photo fits in one API answer when it is shown again', async () => {
    const big = new Uint8Array(4 * 1024 * 1024 + 1);
    big.set(PNG);
    const open311 = new FakeMediaFetcher().serve('https://photos.example.org/big', big, 'image/png');
    const result = await collectMedia(
      { mediaFetcher: new FakeMediaFetcher(), mediaFetchers: { open311 }, mediaStore: new InMemoryMediaStore() },
      [{ url: 'https://photos.example.org/big', contentType: 'image/png' }],
      { ...ids, provider: 'open311' },
      false,
    );
    expect(result.refused).toEqual([{ contentType: 'image/png', reason: 'larger than the 4194304-byte limit' }]);
  });
});
