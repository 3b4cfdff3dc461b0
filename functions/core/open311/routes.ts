/**
 * Every public route of the Open311 API (functions/handlers/open311-api.ts): the CDK stack
 * creates exactly these resources and the local gateway mounts the same list. GeoReport v2
 * puts the format in the path (`services.xml`, `services/roads.json`), so each fixed resource
 * exists once per format and `{code}` / `{id}` carry the suffix.
 */
export const OPEN311_ROUTES = [
  { method: 'GET', path: '/open311/discovery.xml' },
  { method: 'GET', path: '/open311/discovery.json' },
  { method: 'GET', path: '/open311/v2/services.xml' },
  { method: 'GET', path: '/open311/v2/services.json' },
  { method: 'GET', path: '/open311/v2/services/{code}' },
  { method: 'POST', path: '/open311/v2/requests.xml' },
  { method: 'POST', path: '/open311/v2/requests.json' },
  { method: 'GET', path: '/open311/v2/requests.xml' },
  { method: 'GET', path: '/open311/v2/requests.json' },
  { method: 'GET', path: '/open311/v2/requests/{id}' },
  { method: 'POST', path: '/open311/uploads' },
  { method: 'GET', path: '/open311/media/{id}/{file}' },
  { method: 'GET', path: '/open311/web-client.json' },
] as const;

export type Open311Route = (typeof OPEN311_ROUTES)[number];

/** Media types API Gateway must pass to the function as binary (photo uploads, media answers). */
export const OPEN311_BINARY_TYPES = ['image/jpeg', 'image/png', 'image/gif'] as const;
