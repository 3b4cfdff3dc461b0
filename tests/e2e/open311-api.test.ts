import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_OPEN311_WEB_KEY } from '../../local/config.ts';
import { checkJson, checkXml, type Open311SchemaName } from '../support/open311-xml.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);

let gateway: TestGateway;
let sequence = 0;

beforeAll(async () => {
  gateway = await startTestGateway();
}, 60_000);
afterAll(async () => gateway?.stop());

async function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(`${gateway.url}${path}`, { headers });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

async function post(path: string, form: Record<string, string | string[]>): Promise<{ status: number; body: string; headers: Headers }> {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(form)) for (const entry of Array.isArray(value) ? value : [value]) body.append(name, entry);
  const response = await fetch(`${gateway.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' }, body });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** Both formats of one resource: each valid against the schema, and the same data. */
async function both(path: string, schema: Open311SchemaName, headers: Record<string, string> = {}): Promise<unknown> {
  const [resource, search = ''] = path.split('?');
  const json = await get(`${resource}.json${search ? `?${search}` : ''}`, headers);
  const xml = await get(`${resource}.xml${search ? `?${search}` : ''}`, headers);
  expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
  expect(xml.headers.get('content-type')).toBe('text/xml; charset=utf-8');
  const fromJson = checkJson(schema, json.body);
  expect(checkXml(schema, xml.body)).toEqual(fromJson);
  return fromJson;
}

function roadReport(overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  sequence += 1;
  return {
    api_key: LOCAL_OPEN311_WEB_KEY,
    service_code: 'roads',
    lat: '37.5665',
    long: '126.978',
    address_string: '서울 중구 세종대로 110',
    'attribute[hazard]': 'pothole',
    description: `시청 앞 도로에 포트홀 ${sequence}. 연락은 010-9876-5432 또는 me@example.org 로 주세요`,
    email: 'citizen@example.org',
    phone: '010-2345-6789',
    first_name: '길동',
    last_name: '홍',
    ...overrides,
  };
}

describe('Open311 GeoReport v2: services', () => {
  it('lists the service table in both formats, Korean by default and English when preferred', async () => {
    const korean = (await both('/open311/v2/services', 'services')) as Array<Record<string, unknown>>;
    expect(korean.find((s) => s.service_code === 'roads')).toEqual({
      service_code: 'roads',
      service_name: '도로 파손',
      description: '포트홀(도로 파임), 보도블록 파손, 가로등 고장',
      metadata: true,
      type: 'realtime',
      keywords: '포트홀, 도로 파임, 보도블록, 가로등',
      group: '도로·시설물',
    });
    expect(korean.find((s) => s.service_code === 'transit')?.metadata).toBe(false);
    const english = (await both('/open311/v2/services', 'services', { 'accept-language': 'en-GB,en;q=0.9,ko;q=0.5' })) as Array<Record<string, unknown>>;
    expect(english.find((s) => s.service_code === 'roads')?.service_name).toBe('Road damage');
  });

  it('defines the attributes of a service whose metadata is true', async () => {
    const definition = (await both('/open311/v2/services/roads', 'service-definition')) as { attributes: Array<Record<string, unknown>> };
    expect(definition.attributes[0]).toMatchObject({ code: 'hazard', datatype: 'singlevaluelist', required: true, order: 1 });
  });

  it('answers 404 in the error format for a service without a definition and for an unknown one', async () => {
    for (const path of ['/open311/v2/services/transit', '/open311/v2/services/no-such-service']) {
      const json = await get(`${path}.json`);
      const xml = await get(`${path}.xml`);
      expect([json.status, xml.status]).toEqual([404, 404]);
      expect(checkJson('errors', json.body)).toEqual(checkXml('errors', xml.body));
    }
  });

  it('publishes Service Discovery in both formats', async () => {
    const discovery = (await both('/open311/discovery', 'discovery')) as { endpoints: Array<{ url: string }> };
    expect(discovery.endpoints[0]?.url).toBe(`${gateway.url}/open311/v2`);
  });
});

describe('Open311 GeoReport v2: POST requests', () => {
  it('answers 403 without an api_key or with a wrong one, in the error format', async () => {
    const missing = await post('/open311/v2/requests.xml', roadReport({ api_key: '' }));
    expect(missing.status).toBe(403);
    expect(checkXml('errors', missing.body)).toEqual([{ code: 403, description: 'api_key was not provided' }]);
    const wrong = await post('/open311/v2/requests.json', roadReport({ api_key: `${LOCAL_OPEN311_WEB_KEY}x` }));
    expect(wrong.status).toBe(403);
    expect(checkJson('errors', wrong.body)).toEqual([{ code: 403, description: 'api_key is not valid' }]);
  });

  it('answers 400 for a missing service_code or location and 404 for an unknown service, naming each problem', async () => {
    const noCode = await post('/open311/v2/requests.json', roadReport({ service_code: '' }));
    expect(noCode.status).toBe(400);
    expect(checkJson('errors', noCode.body)).toEqual([{ code: 400, description: 'service_code was not provided' }]);
    const unknown = await post('/open311/v2/requests.json', roadReport({ service_code: 'graffiti' }));
    expect(unknown.status).toBe(404);
    const several = await post('/open311/v2/requests.xml', roadReport({ lat: '', long: '', address_string: '', 'attribute[hazard]': 'volcano', description: 'x'.repeat(4001) }));
    expect(several.status).toBe(400);
    const descriptions = (checkXml('errors', several.body) as Array<{ description: string }>).map((e) => e.description);
    expect(descriptions).toEqual([
      'a location was not provided: send lat and long, or address_string',
      'description is longer than 4000 characters',
      'attribute hazard has no value "volcano" (see the service definition)',
    ]);
  });

  it('files a request once: a retry of the same body and key gets the same service_request_id, another body a new one', async () => {
    const form = roadReport();
    const first = await post('/open311/v2/requests.xml', form);
    expect(first.status).toBe(200);
    const [created] = checkXml('post-service-request', first.body) as Array<{ service_request_id: string }>;
    const retry = await post('/open311/v2/requests.json', form);
    const [again] = checkJson('post-service-request', retry.body) as Array<{ service_request_id: string }>;
    expect(again?.service_request_id).toBe(created?.service_request_id);
    const other = await post('/open311/v2/requests.json', roadReport());
    expect((checkJson('post-service-request', other.body) as Array<{ service_request_id: string }>)[0]?.service_request_id).not.toBe(created?.service_request_id);

    await gateway.settle();
    const list = (await both(`/open311/v2/requests?service_request_id=${created?.service_request_id},${created?.service_request_id}`, 'service-requests')) as unknown[];
    expect(list).toHaveLength(1);
  });

  it('shows the request in both formats with its place, service, due time and masked description, and no contact data', async () => {
    const form = roadReport();
    const [created] = checkJson('post-service-request', (await post('/open311/v2/requests.json', form)).body) as Array<{ service_request_id: string }>;
    await gateway.settle();
    const id = created?.service_request_id ?? '';
    const [request] = (await both(`/open311/v2/requests/${id}`, 'service-requests')) as Array<Record<string, unknown>>;
    const complaint = await gateway.api<{ dueAt: string; channel: string; citizen: string }>(`/api/complaints/${id}`);
    expect(complaint.body).toMatchObject({ channel: 'web', citizen: '+82 10-****-6789' });
    expect(request).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: '접수되었습니다.',
      service_code: 'roads',
      service_name: '도로 파손',
      address: '서울 중구 세종대로 110',
      lat: 37.5665,
      long: 126.978,
      expected_datetime: new Date(complaint.body.dueAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      media_url: null,
    });
    expect(request?.description).toBe(`${String(form.description).split('.')[0]}. 연락은 010-****-5432 또는 m***@example.org 로 주세요`);
    const everything = (await get(`/open311/v2/requests/${id}.json`)).body + (await get(`/open311/v2/requests/${id}.xml`)).body;
    for (const clear of ['citizen@example.org', '2345-6789', '9876-5432', '길동', '홍 ', 'me@example.org']) expect(everything).not.toContain(clear);
  });

  it('says closed once the complaint is answered or closed', async () => {
    const [created] = checkJson('post-service-request', (await post('/open311/v2/requests.json', roadReport())).body) as Array<{ service_request_id: string }>;
    await gateway.settle();
    const id = created?.service_request_id ?? '';
    const closing = await gateway.api(`/api/complaints/${id}/status`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'closed', reason: '현장 보수 완료' }),
    });
    expect(closing.status).toBe(200);
    const [request] = (await both(`/open311/v2/requests/${id}`, 'service-requests')) as Array<Record<string, unknown>>;
    expect(request).toMatchObject({ status: 'closed', status_notes: '처리가 끝났습니다.' });
    expect(JSON.stringify(request)).not.toContain('현장 보수 완료');
  });

  it('accepts jurisdiction_id when it names this city and answers 404 when it names another', async () => {
    expect((await post('/open311/v2/requests.json', roadReport({ jurisdiction_id: 'seoul.go.kr' }))).status).toBe(200);
    const other = await post('/open311/v2/requests.json', roadReport({ jurisdiction_id: 'sfgov.org' }));
    expect(other.status).toBe(404);
    expect((await get('/open311/v2/services.xml?jurisdiction_id=sfgov.org')).status).toBe(200);
    expect((await get('/open311/v2/requests.json?jurisdiction_id=sfgov.org')).status).toBe(404);
  });

  it('takes a photo uploaded to our endpoint and shows our own copy as media_url', async () => {
    const upload = await fetch(`${gateway.url}/open311/uploads?api_key=${LOCAL_OPEN311_WEB_KEY}`, { method: 'POST', headers: { 'content-type': 'image/png' }, body: PNG });
    expect(upload.status).toBe(201);
    const { media_url: mediaUrl } = (await upload.json()) as { media_url: string };
    expect(mediaUrl).toMatch(new RegExp(`^${gateway.url}/open311/uploads/[0-9a-z]{26}\\.png$`));
    const [created] = checkJson('post-service-request', (await post('/open311/v2/requests.json', roadReport({ media_url: mediaUrl }))).body) as Array<{ service_request_id: string }>;
    await gateway.settle();
    const [request] = (await both(`/open311/v2/requests/${created?.service_request_id}`, 'service-requests')) as Array<{ media_url: string }>;
    expect(request?.media_url).toBe(`${gateway.url}/open311/media/${created?.service_request_id}/0.png`);
    const served = await fetch(request?.media_url ?? '');
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer()).equals(Buffer.from(PNG))).toBe(true);
  });

  it('refuses an upload that is not the image it claims', async () => {
    const upload = await fetch(`${gateway.url}/open311/uploads?api_key=${LOCAL_OPEN311_WEB_KEY}`, { method: 'POST', headers: { 'content-type': 'image/jpeg' }, body: PNG });
    expect(upload.status).toBe(400);
  });
});

describe('Open311 GeoReport v2: GET requests', () => {
  it('refuses a date range over 90 days and dates without a time zone', async () => {
    const wide = await get('/open311/v2/requests.xml?start_date=2026-01-01T00:00:00Z&end_date=2026-04-02T00:00:00Z');
    expect(wide.status).toBe(400);
    expect(checkXml('errors', wide.body)).toEqual([{ code: 400, description: 'start_date and end_date may not span more than 90 days' }]);
    expect((await get('/open311/v2/requests.json?start_date=2026-01-01')).status).toBe(400);
  });

  it('filters by status and service_code, newest first, and lists only requests filed over Open311', async () => {
    const parking = roadReport({ service_code: 'parking-illegal', 'attribute[hazard]': [], 'attribute[violation_place]': 'crosswalk' });
    delete parking['attribute[hazard]'];
    const [created] = checkJson('post-service-request', (await post('/open311/v2/requests.json', parking)).body) as Array<{ service_request_id: string }>;
    await gateway.sms({ from: '010-5555-1212', body: '문자로 보낸 민원' });
    await gateway.settle();
    const open = (await both('/open311/v2/requests?status=open&service_code=parking-illegal', 'service-requests')) as Array<Record<string, unknown>>;
    expect(open.map((r) => r.service_request_id)).toContain(created?.service_request_id);
    expect(open.every((r) => r.service_code === 'parking-illegal' && r.status === 'open')).toBe(true);
    const all = (await both('/open311/v2/requests', 'service-requests')) as Array<Record<string, unknown>>;
    const times = all.map((r) => String(r.requested_datetime));
    expect([...times].sort().reverse()).toEqual(times);
    expect(JSON.stringify(all)).not.toContain('문자로 보낸 민원');
    expect(((await both('/open311/v2/requests?status=closed&service_code=parking-illegal', 'service-requests')) as unknown[]).length).toBe(0);
  });
});

describe('Open311 GeoReport v2: rate limits', () => {
  let limited: TestGateway;
  beforeAll(async () => {
    limited = await startTestGateway({ open311Limits: { perSourceIp: 2 } });
  }, 60_000);
  afterAll(async () => limited?.stop());

  it('answers 429 with Retry-After in the error format once a source address used its window', async () => {
    const send = () =>
      fetch(`${limited.url}/open311/v2/requests.json`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ api_key: LOCAL_OPEN311_WEB_KEY, service_code: 'transit', address_string: '시청역', description: `버스 ${Math.random()}` }),
      });
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const refused = await send();
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(checkJson('errors', await refused.text())).toEqual([{ code: 429, description: 'too many requests from this address: at most 2 per 60 s' }]);
  });
});
