import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { HttpMediaFetcher, MediaFetchRetryableError, type HttpMediaFetcherOptions } from '../../../../functions/adapters/media/http-media-fetcher.ts';
import { MediaRefusedError, MediaTooLargeError } from '../../../../functions/core/ports/media.ts';
import { TEST_MEDIA_CA, startFakeMediaHost, type FakeMediaHost } from '../../../support/fake-media-host.ts';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);
const ACCOUNT_SID = 'AC00000000000000000000000000000000';
const AUTH_TOKEN = 'twilio-auth-token-for-tests';
const BASIC = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
const API = 'api.twilio.test';
const CDN = 'mms.twiliocdn.test';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A resolver that answers from a table and counts its calls; unknown names do not exist. */
function resolverOf(table: Record<string, string[] | (() => string[])>) {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<string[]> => {
    calls.push(hostname);
    const answer = table[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return typeof answer === 'function' ? answer() : answer;
  };
  return { resolve, calls };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the fetch to be refused');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(MediaRefusedError);
      return (error as Error).message;
    },
  );

describe('HttpMediaFetcher', () => {
  const hosts: FakeMediaHost[] = [];
  afterEach(async () => {
    await Promise.all(hosts.splice(0).map((h) => h.close()));
  });

  async function host(handler: Handler, options: { tlsName?: string } = {}): Promise<FakeMediaHost> {
    const started = await startFakeMediaHost(handler, options);
    hosts.push(started);
    return started;
  }

  const jpeg: Handler = (_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': JPEG.length }).end(JPEG);

  /** A plain-http media host on loopback, allowed as such: the tests' way in. */
  async function loopbackHost(handler: Handler, options: Partial<HttpMediaFetcherOptions> = {}) {
    const media = await host(handler);
    const fetcher = new HttpMediaFetcher({ allowedOrigins: [media.origin], allowLoopbackForTests: true, ...options });
    return { media, fetcher };
  }

  /** Twilio's shape over real TLS: the API answers with basic auth and redirects to its CDN. */
  async function twilioOverTls(apiHandler?: Handler) {
    const cdn = await host((req, res) => (req.url === '/media/abc.jpg' ? jpeg(req, res) : res.writeHead(404).end()), { tlsName: CDN });
    const api = await host(
      apiHandler ??
        ((req, res) => {
          if (req.headers.authorization !== BASIC) return void res.writeHead(401).end();
          if (req.url === '/Media/ME1') res.writeHead(307, { location: `https://${CDN}:${cdn.port}/media/abc.jpg` }).end();
          else if (req.url === '/Media/ME2') res.writeHead(302, { location: '/Media/ME3' }).end();
          else res.writeHead(404).end();
        }),
      { tlsName: API },
    );
    const dns = resolverOf({ [API]: ['127.0.0.1'], [CDN]: ['127.0.0.1'] });
    const options: HttpMediaFetcherOptions = {
      allowedOrigins: [api.origin, `https://*.twiliocdn.test:${cdn.port}`],
      credentials: { username: ACCOUNT_SID, password: AUTH_TOKEN, origin: api.origin },
      allowLoopbackForTests: true,
      resolve: dns.resolve,
      ca: TEST_MEDIA_CA,
    };
    return { api, cdn, dns, options, fetcher: new HttpMediaFetcher(options) };
  }

  describe('credentials', () => {
    it("sends basic auth to the provider's API origin over https and follows the redirect to the CDN without it", async () => {
      const { api, cdn, fetcher } = await twilioOverTls();
      const media = await fetcher.fetch(`${api.origin}/Media/ME1`, { maxBytes: 1024 });
      expect(Buffer.from(media.bytes).equals(JPEG)).toBe(true);
      expect(media.contentType).toBe('image/jpeg');
      expect(api.seen).toEqual([{ path: '/Media/ME1', host: `${API}:${api.port}`, authorization: BASIC }]);
      expect(cdn.seen).toEqual([{ path: '/media/abc.jpg', host: `${CDN}:${cdn.port}`, authorization: undefined }]);
    });

    it('never sends credentials to a redirect target, even one back on the API host', async () => {
      const { api, fetcher } = await twilioOverTls((req, res) => {
        if (req.url === '/Media/ME2') res.writeHead(302, { location: '/Media/ME3' }).end();
        else jpeg(req, res);
      });
      await fetcher.fetch(`${api.origin}/Media/ME2`, { maxBytes: 1024 });
      expect(api.seen.map((s) => s.authorization)).toEqual([BASIC, undefined]);
    });

    it('never sends credentials over http, even to the API host name and port', async () => {
      const media = await host(jpeg);
      const fetcher = new HttpMediaFetcher({
        allowedOrigins: [media.origin],
        credentials: { username: ACCOUNT_SID, password: AUTH_TOKEN, origin: `https://127.0.0.1:${media.port}` },
        allowLoopbackForTests: true,
      });
      await fetcher.fetch(`${media.origin}/x.jpg`, { maxBytes: 1024 });
      expect(media.seen).toEqual([expect.objectContaining({ authorization: undefined })]);
    });

    it('refuses a credentials origin that is not https', () => {
      expect(
        () => new HttpMediaFetcher({ allowedOrigins: ['https://api.twilio.com'], credentials: { username: 'a', password: 'b', origin: 'http://api.twilio.com' } }),
      ).toThrow(/https/);
    });

    it('never sends credentials to another allowed origin', async () => {
      const { cdn, fetcher } = await twilioOverTls();
      await fetcher.fetch(`https://${CDN}:${cdn.port}/media/abc.jpg`, { maxBytes: 1024 });
      expect(cdn.seen).toEqual([expect.objectContaining({ authorization: undefined })]);
    });

    it('does not put credentials or query strings in error messages', async () => {
      const { api, options } = await twilioOverTls((_req, res) => res.writeHead(500).end());
      const error = await new HttpMediaFetcher(options).fetch(`${api.origin}/Media/ME1?token=abc`, { maxBytes: 1024 }).then(
        () => new Error('unexpectedly fetched'),
        (e: unknown) => e as Error,
      );
      expect(error).toBeInstanceOf(MediaFetchRetryableError);
      expect(error.message).not.toContain(AUTH_TOKEN);
      expect(error.message).not.toContain('token=abc');
    });
  });

  describe('where media may come from', () => {
    it('refuses a host that is not an allowed origin before resolving or connecting to it', async () => {
      const dns = resolverOf({ 'evil.test': ['127.0.0.1'] });
      const fetcher = new HttpMediaFetcher({ allowedOrigins: ['https://api.twilio.com'], resolve: dns.resolve });
      expect(await refusal(fetcher.fetch('https://evil.test/x.jpg', { maxBytes: 1024 }))).toContain('https://evil.test is not an allowed media origin');
      expect(dns.calls).toEqual([]);
    });

    it('refuses http to an origin allowed over https', async () => {
      const fetcher = new HttpMediaFetcher({ allowedOrigins: ['https://api.twilio.com'] });
      expect(await refusal(fetcher.fetch('http://api.twilio.com/Media/ME1', { maxBytes: 1024 }))).toContain('not https');
    });

    it('refuses another port of an allowed host', async () => {
      const fetcher = new HttpMediaFetcher({ allowedOrigins: ['https://api.twilio.com'] });
      expect(await refusal(fetcher.fetch('https://api.twilio.com:8443/Media/ME1', { maxBytes: 1024 }))).toContain('not an allowed media origin');
    });

    it('matches *.domain origins on subdomains only', async () => {
      const dns = resolverOf({});
      const fetcher = new HttpMediaFetcher({ allowedOrigins: ['https://*.twiliocdn.com'], resolve: dns.resolve });
      expect(await refusal(fetcher.fetch('https://twiliocdn.com/x', { maxBytes: 1024 }))).toContain('not an allowed media origin');
      expect(await refusal(fetcher.fetch('https://eviltwiliocdn.com/x', { maxBytes: 1024 }))).toContain('not an allowed media origin');
      // Allowed by name; the name then does not resolve (permanent).
      expect(await refusal(fetcher.fetch('https://media.twiliocdn.com/x', { maxBytes: 1024 }))).toContain('does not resolve');
      expect(dns.calls).toEqual(['media.twiliocdn.com']);
    });

    it('refuses URLs that are not URLs, not http(s), or carry user info, before any request', async () => {
      const fetcher = new HttpMediaFetcher({ allowedOrigins: ['https://api.twilio.com'] });
      expect(await refusal(fetcher.fetch('ftp://api.twilio.com/x.jpg', { maxBytes: 1024 }))).toContain('not an allowed media origin');
      expect(await refusal(fetcher.fetch('not a url', { maxBytes: 1024 }))).toContain('not a valid URL');
      expect(await refusal(fetcher.fetch('https://user:pw@api.twilio.com/x.jpg', { maxBytes: 1024 }))).toContain('user info');
    });

    it('refuses http origins in the allow-list unless loopback is allowed for tests', () => {
      expect(() => new HttpMediaFetcher({ allowedOrigins: ['http://media.example.com'] })).toThrow(/MEDIA_ALLOW_LOOPBACK_FOR_TESTS|loopback/);
      expect(() => new HttpMediaFetcher({ allowedOrigins: ['ftp://media.example.com'] })).toThrow(/origin/);
      expect(() => new HttpMediaFetcher({ allowedOrigins: ['https://media.example.com/path'] })).toThrow(/origin/);
    });

    it('uses http, even in test mode, only towards loopback addresses', async () => {
      const dns = resolverOf({ 'public.test': ['93.184.216.34'] });
      const fetcher = new HttpMediaFetcher({ allowedOrigins: ['http://public.test'], allowLoopbackForTests: true, resolve: dns.resolve });
      expect(await refusal(fetcher.fetch('http://public.test/x.jpg', { maxBytes: 1024 }))).toContain('http');
    });
  });

  describe('addresses, checked before connecting', () => {
    it('refuses an IP-literal URL in any encoding without connecting', async () => {
      const loopback = await host(jpeg);
      const fetcher = new HttpMediaFetcher({ allowedOrigins: ['https://api.twilio.com'] });
      for (const url of [`http://2130706433:${loopback.port}/`, `http://0x7f.1:${loopback.port}/`, `http://[::ffff:127.0.0.1]:${loopback.port}/`]) {
        await refusal(fetcher.fetch(url, { maxBytes: 1024 }));
      }
      expect(loopback.seen).toEqual([]);
    });

    it.each([
      [['127.0.0.1'], 'loopback'],
      [['169.254.169.254'], 'link-local'],
      [['fd00:ec2::254'], 'unique local'],
      [['::ffff:169.254.169.254'], 'link-local'],
      [['10.1.2.3'], 'private'],
      [['100.64.1.1'], 'shared address space'],
      [['93.184.216.34', '192.168.0.10'], 'private'],
    ])('refuses an allowed host name that resolves to %j (%s) without connecting', async (addresses, category) => {
      const loopback = await host(jpeg);
      const dns = resolverOf({ 'media.example.com': addresses });
      const fetcher = new HttpMediaFetcher({ allowedOrigins: [`https://media.example.com:${loopback.port}`], resolve: dns.resolve });
      const reason = await refusal(fetcher.fetch(`https://media.example.com:${loopback.port}/x.jpg`, { maxBytes: 1024 }));
      expect(reason).toContain(category);
      expect(reason).toContain('media.example.com');
      expect(loopback.seen).toEqual([]);
    });

    it('connects to the address it checked: one lookup per hop, no second lookup a rebinding DNS could answer', async () => {
      let answers = 0;
      // First answer: the (test-allowed) loopback host. Any later answer would be the metadata address.
      const dns = resolverOf({ 'media.test': () => (answers++ === 0 ? ['127.0.0.1'] : ['169.254.169.254']) });
      const media = await host(jpeg, { tlsName: 'media.test' });
      const fetcher = new HttpMediaFetcher({ allowedOrigins: [media.origin], allowLoopbackForTests: true, resolve: dns.resolve, ca: TEST_MEDIA_CA });
      const fetched = await fetcher.fetch(`${media.origin}/x.jpg`, { maxBytes: 1024 });
      expect(fetched.bytes).toHaveLength(JPEG.length);
      expect(dns.calls).toEqual(['media.test']);
      expect(media.seen).toEqual([expect.objectContaining({ host: `media.test:${media.port}` })]);
    });

    it('checks the TLS certificate against the host name, not the pinned address', async () => {
      const media = await host(jpeg, { tlsName: 'media.test' });
      const dns = resolverOf({ 'other.test': ['127.0.0.1'] });
      const origin = `https://other.test:${media.port}`;
      const fetcher = new HttpMediaFetcher({ allowedOrigins: [origin], allowLoopbackForTests: true, resolve: dns.resolve, ca: TEST_MEDIA_CA });
      await expect(fetcher.fetch(`${origin}/x.jpg`, { maxBytes: 1024 })).rejects.toThrow(/certificate|altnames|other\.test/i);
      expect(media.seen).toEqual([]);
    });

    it('refuses a name that does not exist, and retries a DNS failure that may pass', async () => {
      const failing = async () => {
        throw Object.assign(new Error('getaddrinfo EAI_AGAIN media.example.com'), { code: 'EAI_AGAIN' });
      };
      const missing = new HttpMediaFetcher({ allowedOrigins: ['https://media.example.com'], resolve: resolverOf({}).resolve });
      expect(await refusal(missing.fetch('https://media.example.com/x.jpg', { maxBytes: 1024 }))).toContain('does not resolve');
      const flaky = new HttpMediaFetcher({ allowedOrigins: ['https://media.example.com'], resolve: failing });
      await expect(flaky.fetch('https://media.example.com/x.jpg', { maxBytes: 1024 })).rejects.toBeInstanceOf(MediaFetchRetryableError);
    });
  });

  describe('redirects', () => {
    it.each([
      ['loopback on another port (the store, the API)', (other: FakeMediaHost) => `http://127.0.0.1:${other.port}/`, 'not an allowed media origin'],
      ['a decimal-encoded loopback address', (other: FakeMediaHost) => `http://2130706433:${other.port}/`, 'not an allowed media origin'],
      ['the metadata address', () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/', 'not an allowed media origin'],
      ['an IPv4-mapped metadata address', () => 'http://[::ffff:a9fe:a9fe]/', 'not an allowed media origin'],
      ['a non-http scheme', () => 'file:///etc/passwd', 'not an allowed media origin'],
    ])('refuses a redirect to %s without following it', async (_name, target, reason) => {
      const other = await host(jpeg);
      const { media, fetcher } = await loopbackHost((_req, res) => res.writeHead(302, { location: target(other) }).end());
      expect(await refusal(fetcher.fetch(`${media.origin}/start`, { maxBytes: 1024 }))).toContain(reason);
      expect(other.seen).toEqual([]);
    });

    it('refuses a redirect from https down to http', async () => {
      const { api, cdn, fetcher } = await twilioOverTls((_req, res) => res.writeHead(307, { location: `http://${CDN}:${cdn.port}/media/abc.jpg` }).end());
      expect(await refusal(fetcher.fetch(`${api.origin}/Media/ME1`, { maxBytes: 1024 }))).toContain('not https');
      expect(cdn.seen).toEqual([]);
    });

    it('checks the address again after a redirect to an allowed host name', async () => {
      const dns = resolverOf({ [API]: ['127.0.0.1'], [CDN]: ['169.254.169.254'] });
      const { api, cdn, options } = await twilioOverTls((_req, res) => res.writeHead(307, { location: `https://${CDN}:${cdn.port}/media/abc.jpg` }).end());
      const fetcher = new HttpMediaFetcher({ ...options, resolve: dns.resolve });
      expect(await refusal(fetcher.fetch(`${api.origin}/Media/ME1`, { maxBytes: 1024 }))).toContain('link-local');
      expect(dns.calls).toEqual([API, CDN]);
    });

    it('follows at most 3 redirects by default', async () => {
      const { media, fetcher } = await loopbackHost((req, res) => {
        const n = Number(req.url?.slice(1) || 0);
        res.writeHead(302, { location: `/${n + 1}` }).end();
      });
      expect(await refusal(fetcher.fetch(`${media.origin}/0`, { maxBytes: 1024 }))).toContain('more than 3 redirects');
      expect(media.seen.map((s) => s.path)).toEqual(['/0', '/1', '/2', '/3']);
    });

    it('follows 3 redirects to the media', async () => {
      const { media, fetcher } = await loopbackHost((req, res) => {
        const n = Number(req.url?.slice(1) || 0);
        if (n < 3) res.writeHead(302, { location: `/${n + 1}` }).end();
        else jpeg(req, res);
      });
      const fetched = await fetcher.fetch(`${media.origin}/0`, { maxBytes: 1024 });
      expect(fetched.bytes).toHaveLength(JPEG.length);
    });

    it('refuses a redirect without a Location', async () => {
      const { media, fetcher } = await loopbackHost((_req, res) => res.writeHead(302).end());
      expect(await refusal(fetcher.fetch(`${media.origin}/start`, { maxBytes: 1024 }))).toContain('without a Location');
    });
  });

  describe('answers and failures', () => {
    it('refuses media whose declared length is over maxBytes', async () => {
      const { media, fetcher } = await loopbackHost((_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': 10_000 }).end(Buffer.alloc(10_000)));
      await expect(fetcher.fetch(`${media.origin}/big.jpg`, { maxBytes: 9_999 })).rejects.toBeInstanceOf(MediaTooLargeError);
    });

    it('stops reading an endless body without a length once it passes maxBytes', async () => {
      let closedEarly = false;
      const { media, fetcher } = await loopbackHost((_req, res) => {
        res.writeHead(200, { 'content-type': 'image/jpeg' });
        const chunk = Buffer.alloc(16 * 1024, 0xff);
        const pump = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', pump);
        };
        res.on('close', () => {
          closedEarly = true;
        });
        pump();
      });
      const promise = fetcher.fetch(`${media.origin}/endless.jpg`, { maxBytes: 256 * 1024 });
      await expect(promise).rejects.toBeInstanceOf(MediaTooLargeError);
      await expect(promise).rejects.toThrow('over the 262144-byte limit');
      await expect.poll(() => closedEarly).toBe(true);
    });

    it.each([
      [500, MediaFetchRetryableError],
      [503, MediaFetchRetryableError],
      [429, MediaFetchRetryableError],
      [408, MediaFetchRetryableError],
      [404, MediaRefusedError],
      [403, MediaRefusedError],
      [401, MediaRefusedError],
      [410, MediaRefusedError],
    ])('reports HTTP %d as %o', async (status, kind) => {
      const { media, fetcher } = await loopbackHost((_req, res) => res.writeHead(status).end('nope'));
      const promise = fetcher.fetch(`${media.origin}/x.jpg`, { maxBytes: 1024 });
      await expect(promise).rejects.toBeInstanceOf(kind);
      await expect(promise).rejects.toThrow(`HTTP ${status}`);
    });

    it('reports a refused connection as retryable', async () => {
      const { media, fetcher } = await loopbackHost(jpeg);
      await media.close();
      hosts.splice(hosts.indexOf(media), 1);
      await expect(fetcher.fetch(`${media.origin}/x.jpg`, { maxBytes: 1024 })).rejects.toBeInstanceOf(MediaFetchRetryableError);
    });

    it('reports a reset connection as retryable', async () => {
      const { media, fetcher } = await loopbackHost((req) => req.socket.destroy());
      await expect(fetcher.fetch(`${media.origin}/x.jpg`, { maxBytes: 1024 })).rejects.toBeInstanceOf(MediaFetchRetryableError);
    });

    it('gives up on a server that never answers, as retryable', async () => {
      const { media, fetcher } = await loopbackHost(
        () => {
          /* never responds */
        },
        { timeoutMs: 200 },
      );
      const promise = fetcher.fetch(`${media.origin}/slow.jpg`, { maxBytes: 1024 });
      await expect(promise).rejects.toBeInstanceOf(MediaFetchRetryableError);
      await expect(promise).rejects.toThrow(/timed out/);
    });
  });
});
