import { join } from 'node:path';
import type { LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';
import { staticFiles } from './static-files.ts';

/**
 * The counselor workspace app (built into web/console/dist by `npm run build:web`), also what `/`
 * leads to; it signs in at `signInEndpoint` (cognito-local) and may be framed by `frameAncestors`.
 */
export function mountConsoleRoutes(router: Router<LocalTarget>, webRoot: string, signInEndpoint: string, frameAncestors: readonly string[] = []): void {
  router.addPrefix('GET', '/console/', { kind: 'native', handle: staticFiles(join(webRoot, 'console'), '/console/', { connectSrc: [signInEndpoint], frameAncestors }) });
  router.add('GET', '/', {
    kind: 'native',
    handle: async (_request, response) => {
      response.writeHead(302, { location: '/console/' });
      response.end();
    },
  });
}
