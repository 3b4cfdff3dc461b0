import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { send, sendJson } from './http-server.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface StaticFileOptions {
  /** Other origins the page may call (the staff sign-in endpoint). */
  connectSrc?: readonly string[];
  /** Origins that may frame the page (the agent workspace); none by default. */
  frameAncestors?: readonly string[];
}

/** The same headers CloudFront adds in AWS, so the pages are tested under them locally. */
function securityHeaders({ connectSrc = [], frameAncestors = [] }: StaticFileOptions): Record<string, string> {
  const framing = frameAncestors.length > 0 ? frameAncestors.join(' ') : "'none'";
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    // X-Frame-Options cannot name an origin; frame-ancestors supersedes it where it is sent.
    ...(frameAncestors.length > 0 ? {} : { 'x-frame-options': 'DENY' }),
    'content-security-policy': `default-src 'self'; connect-src ${["'self'", 'ws:', 'wss:', ...connectSrc].join(' ')}; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors ${framing}; base-uri 'none'; form-action 'self'`,
  };
}

/**
 * Serves a folder of static files under a URL prefix (GET only), refusing any path that
 * would leave the folder. `/prefix/` serves index.html.
 */
export function staticFiles(root: string, prefix: string, options: StaticFileOptions = {}) {
  const base = resolve(root);
  const headers = securityHeaders(options);
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://local');
    let relative: string;
    try {
      relative = decodeURIComponent(url.pathname.slice(prefix.length));
    } catch {
      return sendJson(response, 400, { error: 'bad path' });
    }
    if (relative === '' || relative.endsWith('/')) relative += 'index.html';
    const file = normalize(join(base, relative));
    if (file !== base && !file.startsWith(base + sep)) return sendJson(response, 404, { error: 'not found' });
    try {
      if (!(await stat(file)).isFile()) return sendJson(response, 404, { error: 'not found' });
      const body = await readFile(file);
      response.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': body.length,
        'cache-control': 'no-cache',
        ...headers,
      });
      response.end(body);
    } catch {
      send(response, 404, JSON.stringify({ error: 'not found' }), { 'content-type': 'application/json' });
    }
  };
}
