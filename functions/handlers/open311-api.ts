import middy from '@middy/core';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { discoveryDocument } from '../core/open311/discovery.ts';
import { CONTENT_TYPES, errorsDocument, render, type Document, type Open311Format } from '../core/open311/document.ts';
import { Open311Error } from '../core/open311/errors.ts';
import { publicMedia } from '../core/open311/public-media.ts';
import { getServiceRequest, queryServiceRequests } from '../core/open311/query-requests.ts';
import { parseForm } from '../core/open311/request-form.ts';
import { open311Language, serviceDefinitionDocument, servicesDocument } from '../core/open311/service-views.ts';
import { submitServiceRequest } from '../core/open311/submit-request.ts';
import { acceptUpload } from '../core/open311/uploads.ts';
import { header, rawBody } from './shared/http.ts';
import { lazy } from './shared/lazy.ts';
import { open311ApiDeps } from '../wiring/aws/open311-api.ts';
import type { Open311ApiDeps } from '../wiring/deps/open311-api.ts';

/** Requests larger than this are not a service request form (4,000 characters of description and a few fields). */
const MAX_FORM_BYTES = 64 * 1024;

/** `roads.json` → ['roads', 'json']; a resource without a known format suffix is not found. */
function splitFormat(segment: string): [string, Open311Format] {
  const match = /^(.+)\.(json|xml)$/.exec(segment);
  if (!match) throw new Open311Error(404, 'append the format to the resource: .xml or .json');
  return [match[1] ?? '', match[2] as Open311Format];
}

function formatOf(event: APIGatewayProxyEvent): Open311Format {
  return /\.json$/.test(event.path) ? 'json' : 'xml';
}

function answer(status: number, document: Document, format: Open311Format, headers: Record<string, string> = {}): APIGatewayProxyResult {
  return {
    statusCode: status,
    headers: { 'content-type': CONTENT_TYPES[format], 'cache-control': 'no-store', 'access-control-allow-origin': '*', ...headers },
    body: render(document, format),
  };
}

function baseUrl(deps: Open311ApiDeps, event: APIGatewayProxyEvent): string {
  if (deps.publicBaseUrl) return deps.publicBaseUrl.replace(/\/+$/, '');
  // execute-api: the stage is the first path segment of every URL.
  return `https://${event.requestContext.domainName ?? 'localhost'}/${event.requestContext.stage}`;
}

function query(event: APIGatewayProxyEvent): Record<string, string | undefined> {
  return event.queryStringParameters ?? {};
}

async function route(deps: Open311ApiDeps, event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const language = open311Language(header(event, 'accept-language'));
  const contentLanguage = { 'content-language': language };
  const base = baseUrl(deps, event);
  const sourceIp = event.requestContext.identity.sourceIp;
  const format = formatOf(event);
  switch (`${event.httpMethod} ${event.resource}`) {
    case 'GET /open311/discovery.xml':
    case 'GET /open311/discovery.json':
      return answer(
        200,
        discoveryDocument({ endpointUrl: `${base}/open311/v2`, changeset: deps.changeset, contact: deps.contact, keyService: deps.contact, production: deps.production }),
        format,
      );
    case 'GET /open311/v2/services.xml':
    case 'GET /open311/v2/services.json':
      return answer(200, servicesDocument(language), format, contentLanguage);
    case 'GET /open311/v2/services/{code}': {
      const [code, codeFormat] = splitFormat(event.pathParameters?.code ?? '');
      return answer(200, serviceDefinitionDocument(code, language), codeFormat, contentLanguage);
    }
    case 'POST /open311/v2/requests.xml':
    case 'POST /open311/v2/requests.json': {
      const type = header(event, 'content-type') ?? '';
      if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) throw new Open311Error(400, 'send the request as application/x-www-form-urlencoded');
      const body = rawBody(event);
      if (Buffer.byteLength(body, 'utf8') > MAX_FORM_BYTES) throw new Open311Error(400, `the request body is larger than ${MAX_FORM_BYTES} bytes`);
      const submitted = await submitServiceRequest(deps, parseForm(body), { sourceIp, uploadBases: [base], language });
      return answer(200, submitted.document, format, contentLanguage);
    }
    case 'GET /open311/v2/requests.xml':
    case 'GET /open311/v2/requests.json':
      return answer(200, await queryServiceRequests(deps, query(event), { language, publicBaseUrl: base }), format, contentLanguage);
    case 'GET /open311/v2/requests/{id}': {
      const [id, idFormat] = splitFormat(event.pathParameters?.id ?? '');
      return answer(200, await getServiceRequest(deps, id, query(event), { language, publicBaseUrl: base }), idFormat, contentLanguage);
    }
    case 'POST /open311/uploads': {
      const bytes = event.body === null ? new Uint8Array() : new Uint8Array(Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8'));
      const uploaded = await acceptUpload(deps, { apiKey: query(event).api_key, contentType: header(event, 'content-type') ?? '', bytes, sourceIp, publicBaseUrl: base });
      return { statusCode: 201, headers: { 'content-type': 'application/json; charset=utf-8', 'access-control-allow-origin': '*' }, body: JSON.stringify(uploaded) };
    }
    case 'GET /open311/media/{id}/{file}': {
      const media = await publicMedia(deps, event.pathParameters?.id ?? '', event.pathParameters?.file ?? '');
      return {
        statusCode: 200,
        headers: { 'content-type': media.contentType, 'cache-control': 'public, max-age=3600', 'access-control-allow-origin': '*' },
        body: Buffer.from(media.bytes).toString('base64'),
        isBase64Encoded: true,
      };
    }
    case 'GET /open311/web-client.json':
      if (!deps.webClientKey) throw new Open311Error(404, 'this deployment has no web client key');
      return {
        statusCode: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-cache', 'access-control-allow-origin': '*' },
        body: JSON.stringify({ api_key: deps.webClientKey, jurisdiction_id: deps.jurisdictionId, endpoint: `${base}/open311/v2` }),
      };
    default:
      throw new Open311Error(404, `no Open311 resource ${event.httpMethod} ${event.resource}`);
  }
}

/**
 * The Open311 GeoReport v2 API, public (no staff sign-in): every answer in the format the path
 * names, errors in the spec's `<errors>` form with 400/403/404 (and 429 with Retry-After),
 * anything unexpected a 500 in the same form that reveals nothing.
 */
export function createOpen311ApiHandler(getDeps: () => Promise<Open311ApiDeps>) {
  const base = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => route(await getDeps(), event);
  return middy(base).use({
    onError: async (request) => {
      const error = request.error;
      const format = formatOf(request.event);
      if (error instanceof Open311Error) {
        request.response = answer(error.status, errorsDocument(error.errors), format, error.retryAfterSeconds ? { 'retry-after': String(error.retryAfterSeconds) } : {});
        return;
      }
      const log = await getDeps().then((deps) => deps.log).catch(() => null);
      log?.error('open311 request failed', { errorName: error?.name, errorMessage: error?.message });
      request.response = answer(500, errorsDocument([{ code: 500, description: 'the request could not be processed; try again later' }]), format);
    },
  });
}

export const handler = createOpen311ApiHandler(lazy(open311ApiDeps));
