import { randomUUID } from 'node:crypto';
import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainPk, seqSk } from '../../../functions/adapters/dynamodb/audit-keys.ts';
import { accessRecorder } from '../../../functions/core/audit/deps.ts';
import type { AuditApiDeps, AuditDigestDeps } from '../../../functions/wiring/deps/audit-api.ts';
import { recordAccess } from '../../../functions/core/audit/record-access.ts';
import { createAuditApiHandler } from '../../../functions/handlers/audit-api.ts';
import { createAuditDigestHandler } from '../../../functions/handlers/audit-digest.ts';
import { CapturingLog } from '../../support/in-memory-ports.ts';
import { actor, citizen, complaint, request, startAuditHarness, type AuditHarness } from './harness.ts';

const context = {} as Context;

/** A REST API (v1) proxy event as API Gateway sends it behind the staff authorizer. */
function apiEvent(resource: string, query: Record<string, string> | null, staff: { subject: string; username: string; roles: string } | null, epoch: number): APIGatewayProxyEvent {
  return {
    resource,
    path: resource,
    httpMethod: 'GET',
    headers: {},
    multiValueHeaders: {},
    queryStringParameters: query,
    multiValueQueryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    body: null,
    isBase64Encoded: false,
    requestContext: {
      requestId: randomUUID(),
      requestTimeEpoch: epoch,
      identity: { sourceIp: '198.51.100.23', userArn: null },
      authorizer: staff ? { staffSubject: staff.subject, staffUsername: staff.username, staffRoles: staff.roles } : null,
    } as unknown as APIGatewayProxyEvent['requestContext'],
  };
}

const AUDITOR = { subject: 'sub-auditor', username: 'auditor1', roles: 'auditor' };
const COUNSELOR = { subject: 'sub-counselor', username: 'counselor1', roles: 'counselor' };

describe('audit API and digest job handlers', () => {
  let h: AuditHarness;
  let log: CapturingLog;
  let api: (event: APIGatewayProxyEvent) => Promise<APIGatewayProxyResult>;
  let digest: (event: { day?: string } | null) => Promise<unknown>;

  beforeAll(async () => {
    h = await startAuditHarness();
    log = new CapturingLog();
    const deps: AuditApiDeps & AuditDigestDeps = { log, audit: h.deps, access: accessRecorder(h.deps) };
    const apiHandler = createAuditApiHandler(async () => deps);
    const digestHandler = createAuditDigestHandler(async () => deps);
    api = (event) => apiHandler(event, context);
    digest = (event) => digestHandler(event, context);
    h.clock.set('2026-09-01T01:00:00.000Z');
    await recordAccess(h.deps, actor('kim'), request(h.clock), { action: 'complaint.read', complaintId: complaint(5), citizenKeyHash: citizen(5) });
    h.clock.advance(60_000);
    await recordAccess(h.deps, actor('lee'), request(h.clock), { action: 'complaint.read', complaintId: complaint(5), citizenKeyHash: citizen(5) });
  });
  afterAll(async () => {
    await h.close();
  });

  const now = () => h.clock.now().getTime();

  it('GET /api/audit lists who read a complaint, newest first, and records that the auditor read the trail', async () => {
    const response = await api(apiEvent('/api/audit', { complaintId: complaint(5) }, AUDITOR, now()));
    expect(response.statusCode).toBe(200);
    const body = JSON.parse(response.body) as { records: Array<{ actor: { username: string }; action: string }> };
    expect(body.records.map((record) => record.actor.username)).toEqual(['lee', 'kim']);
    const own = JSON.parse((await api(apiEvent('/api/audit', { action: 'audit.read' }, AUDITOR, now()))).body) as { records: Array<Record<string, unknown>> };
    expect(own.records[0]).toMatchObject({ actor: { username: 'auditor1' }, role: 'auditor', action: 'audit.read', resultCount: 2, sourceIp: '198.51.100.23', route: 'GET /api/audit', outcome: 'allowed' });
  });

  it('answers 400 with the reasons for a bad query, and records nothing for it', async () => {
    const bad = apiEvent('/api/audit', { action: 'complaint.delete' }, AUDITOR, now());
    const response = await api(bad);
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body)).toMatchObject({ error: 'invalid query', details: [expect.stringMatching(/^action/)] });
    const mine = JSON.parse((await api(apiEvent('/api/audit', { actor: 'auditor1', limit: '100' }, AUDITOR, now()))).body) as { records: Array<{ requestId: string }> };
    expect(mine.records.length).toBeGreaterThan(0);
    expect(mine.records.map((record) => record.requestId)).not.toContain(bad.requestContext.requestId);
  });

  it('refuses a counselor (403) and a caller without a token (401), recording both attempts', async () => {
    const forbidden = await api(apiEvent('/api/audit/review', { month: '2026-09' }, COUNSELOR, now()));
    expect(forbidden.statusCode).toBe(403);
    const anonymous = await api(apiEvent('/api/audit/verify', { day: '2026-09-01' }, null, now()));
    expect(anonymous.statusCode).toBe(401);
    const refused = JSON.parse((await api(apiEvent('/api/audit', { from: '2026-09-01', to: '2026-09-01' }, AUDITOR, now()))).body) as { records: Array<Record<string, unknown>> };
    const refusals = refused.records.filter((record) => record.outcome === 'refused');
    expect(refusals).toHaveLength(2);
    expect(refusals).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ actor: { subject: 'anonymous', username: 'anonymous' }, role: 'none', action: 'audit.verify', refusal: 'unauthenticated' }),
        expect.objectContaining({ actor: { subject: 'sub-counselor', username: 'counselor1' }, role: 'counselor', action: 'audit.review', refusal: 'forbidden' }),
      ]),
    );
  });

  it('the digest job seals yesterday; GET /api/audit/verify then matches, and names a record deleted afterwards', async () => {
    h.clock.set('2026-09-02T00:10:00.000Z');
    await expect(digest({})).resolves.toMatchObject({ day: '2026-09-01', write: 'written', findings: 0 });
    const matched = JSON.parse((await api(apiEvent('/api/audit/verify', { day: '2026-09-01' }, AUDITOR, now()))).body) as Record<string, unknown>;
    expect(matched).toMatchObject({ day: '2026-09-01', ok: true, digest: 'matched', findings: [] });

    const listing = JSON.parse((await api(apiEvent('/api/audit', { actor: 'kim' }, AUDITOR, now()))).body) as { records: Array<{ eventId: string; chain: { day: string; shard: number; seq: number } }> };
    const kims = listing.records[0];
    if (!kims) throw new Error('kim has a record');
    await h.documents.send(new DeleteCommand({ TableName: h.tableName, Key: { pk: chainPk(kims.chain), sk: seqSk(kims.chain.seq) } }));
    const report = JSON.parse((await api(apiEvent('/api/audit/verify', { day: '2026-09-01' }, AUDITOR, now()))).body) as { ok: boolean; findings: unknown[] };
    expect(report.ok).toBe(false);
    expect(report.findings).toEqual([expect.objectContaining({ shard: kims.chain.shard, seq: kims.chain.seq, eventId: kims.eventId, problem: 'missing' })]);

    // Sealing the tampered day again keeps the first digest, fails the job (its alarm) and says why in the log.
    await expect(digest({ day: '2026-09-01' })).rejects.toThrow(/digest conflict/);
    expect(log.lines.some((line) => line.level === 'error' && line.message === 'audit day sealed with problems')).toBe(true);
  });

  it('GET /api/audit/review gives the month per actor', async () => {
    const response = await api(apiEvent('/api/audit/review', { month: '2026-09' }, AUDITOR, now()));
    expect(response.statusCode).toBe(200);
    const review = JSON.parse(response.body) as { month: string; actors: Array<{ username: string; records: number }> };
    expect(review.month).toBe('2026-09');
    expect(review.actors.map((entry) => entry.username)).toEqual(expect.arrayContaining(['kim', 'auditor1', 'anonymous', 'counselor1']));
  });

  it('answers 404 for a route it does not serve', async () => {
    expect((await api(apiEvent('/api/audit/delete', null, AUDITOR, now()))).statusCode).toBe(404);
  });
});
