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

// Media types API Gateway treats as binary: all of them. "API Gateway uses the first Accept header
// from clients to determine if a response should return binary media. To return binary media when
// you can't control the order of Accept header values, such as requests from a browser, set your
// API's binary media types to */*" (API Gateway developer guide, "Binary media types for REST
// APIs"): a browser's <img> asks for image/avif first. Every request body then reaches the
// function base64-encoded (isBase64Encoded), which the handler decodes; its text answers are not
// base64-encoded and pass as they are.
export const OPEN311_BINARY_TYPES = ['*/*'] as const;
