import { join } from 'node:path';
import type { LocalTarget } from './http-server.ts';
import type { Router } from './router.ts';
import { staticFiles } from './static-files.ts';

/** The counselor console, also what `/` leads to. */
export function mountConsoleRoutes(router: Router<LocalTarget>, webRoot: string): void {
  router.addPrefix('GET', '/console/', { kind: 'native', handle: staticFiles(join(webRoot, 'console'), '/console/') });
  router.add('GET', '/', {
    kind: 'native',
    handle: async (_request, response) => {
      response.writeHead(302, { location: '/console/' });
      response.end();
    },
  });
}
