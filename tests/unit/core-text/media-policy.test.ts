import { describe, expect, it } from 'vitest';
import {
  MEDIA_POLICY,
  checkAnnouncedMedia,
  checkFetchedMedia,
  mediaObjectKey,
  sniffImageType,
} from '../../../functions/core/media-policy.ts';

const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const GIF89 = new TextEncoder().encode('GIF89a\x01\x00\x01\x00');
const GIF87 = new TextEncoder().encode('GIF87a\x01\x00\x01\x00');
const PDF = new TextEncoder().encode('%PDF-1.7\n');

describe('checkAnnouncedMedia', () => {
  it.each(['image/jpeg', 'image/png', 'image/gif', 'IMAGE/JPEG', 'image/jpeg; charset=binary', 'image/jpg'])('accepts %j', (type) => {
    expect(checkAnnouncedMedia(type)).toEqual({ ok: true });
  });

  it.each([
    ['video/mp4', /video\/mp4/],
    ['application/pdf', /application\/pdf/],
    ['image/heic', /image\/heic/],
    ['text/vcard', /text\/vcard/],
    ['', /no content type/],
  ])('refuses %j with a reason naming the type and what is accepted', (type, named) => {
    const result = checkAnnouncedMedia(type);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toMatch(named);
      expect(result.reason).toMatch(/JPEG, PNG and GIF/);
    }
  });
});

describe('sniffImageType', () => {
  it('recognises JPEG, PNG, GIF87a and GIF89a by their magic bytes', () => {
    expect(sniffImageType(JPEG)).toBe('image/jpeg');
    expect(sniffImageType(PNG)).toBe('image/png');
    expect(sniffImageType(GIF87)).toBe('image/gif');
    expect(sniffImageType(GIF89)).toBe('image/gif');
  });

  it('recognises nothing in other or truncated content', () => {
    expect(sniffImageType(PDF)).toBeNull();
    expect(sniffImageType(Uint8Array.from([0xff, 0xd8]))).toBeNull();
    expect(sniffImageType(PNG.subarray(0, 7))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode('GIF88a'))).toBeNull();
  });
});

describe('checkFetchedMedia', () => {
  it('accepts an image whose bytes match its declared type', () => {
    expect(checkFetchedMedia(JPEG, 'image/jpeg')).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(checkFetchedMedia(PNG, 'image/png; charset=binary')).toEqual({ ok: true, contentType: 'image/png' });
    expect(checkFetchedMedia(GIF89, 'image/gif')).toEqual({ ok: true, contentType: 'image/gif' });
  });

  it('lets the bytes decide when the server only says octet-stream', () => {
    expect(checkFetchedMedia(PNG, 'application/octet-stream')).toEqual({ ok: true, contentType: 'image/png' });
  });

  it('refuses a PNG served as image/jpeg (mismatch)', () => {
    expect(checkFetchedMedia(PNG, 'image/jpeg')).toEqual({ ok: false, reason: 'media declared as image/jpeg but its content is image/png' });
  });

  it('refuses an image served with a non-image type', () => {
    const result = checkFetchedMedia(JPEG, 'text/html');
    expect(result.ok).toBe(false);
  });

  it('refuses content that is not an allowed image, whatever it claims', () => {
    const result = checkFetchedMedia(PDF, 'image/jpeg');
    expect(result).toEqual({ ok: false, reason: 'media content is not one of JPEG, PNG and GIF images' });
  });

  it('refuses empty media', () => {
    expect(checkFetchedMedia(new Uint8Array(0), 'image/jpeg')).toEqual({ ok: false, reason: 'media is empty' });
  });

  it('accepts exactly maxBytes and refuses one byte more', () => {
    const atLimit = new Uint8Array(MEDIA_POLICY.maxBytes);
    atLimit.set(JPEG);
    expect(checkFetchedMedia(atLimit, 'image/jpeg').ok).toBe(true);
    const over = new Uint8Array(MEDIA_POLICY.maxBytes + 1);
    over.set(JPEG);
    const result = checkFetchedMedia(over, 'image/jpeg');
    expect(result).toEqual({ ok: false, reason: 'media is 5.0 MB, over the 5.0 MB limit' });
  });
});

describe('mediaObjectKey', () => {
  it('builds media/<complaintId>/<messageId>/<index>.<ext>', () => {
    expect(mediaObjectKey('C-20240115-0001', 'M_abc123', 0, 'image/jpeg')).toBe('media/C-20240115-0001/M_abc123/0.jpg');
    expect(mediaObjectKey('c1', 'm1', 2, 'image/png')).toBe('media/c1/m1/2.png');
    expect(mediaObjectKey('c1', 'm1', 1, 'image/gif; foo=bar')).toBe('media/c1/m1/1.gif');
  });

  it('replaces unsafe characters so ids cannot climb out of their folder', () => {
    const key = mediaObjectKey('../../etc', 'a/b\\c#d?e', 0, 'image/jpeg');
    expect(key).toBe('media/______etc/a_b_c_d_e/0.jpg');
    expect(key.split('/')).toHaveLength(4);
    expect(key).not.toContain('..');
  });

  it('refuses ids with nothing usable, bad indexes and unsupported types', () => {
    expect(() => mediaObjectKey('..', 'm1', 0, 'image/jpeg')).toThrow(/complaint id/);
    expect(() => mediaObjectKey('c1', '', 0, 'image/jpeg')).toThrow(/message id/);
    expect(() => mediaObjectKey('c1', 'm1', -1, 'image/jpeg')).toThrow(/index/);
    expect(() => mediaObjectKey('c1', 'm1', 1.5, 'image/jpeg')).toThrow(/index/);
    expect(() => mediaObjectKey('c1', 'm1', 0, 'video/mp4')).toThrow(/unsupported/);
  });
});
