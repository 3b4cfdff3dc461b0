import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kstDay } from '../../functions/core/kst.ts';
import type { StatisticsReport } from '../../functions/core/statistics/statistics-report.ts';
import type { ReconcileReport } from '../../functions/core/statistics/reconcile-day.ts';
import { AuditTableReader } from '../support/audit-records.ts';
import { startTestGateway, type TestGateway } from '../support/local-gateway.ts';

const json = { 'content-type': 'application/json' };

describe('statistics on the local gateway', () => {
  let gateway: TestGateway;
  const today = kstDay(new Date());

  beforeAll(async () => {
    gateway = await startTestGateway();
    const receipts: string[] = [];
    for (const [from, body] of [['010-6100-0001', '가로등이 꺼져 있어요'], ['010-6100-0002', 'The crosswalk signal is broken']] as const) {
      const sent = await gateway.sms({ from, body });
      receipts.push(/(\d{8}-[0-9A-Z]{5}-[0-9A-Z]{5})/.exec(sent.body)?.[1] ?? '');
    }
    await gateway.settle();
    const { complaintId } = (await gateway.api<{ complaintId: string }>(`/api/complaints/${receipts[0]}`)).body;
    await gateway.api(`/api/complaints/${complaintId}/replies`, { method: 'POST', headers: json, body: JSON.stringify({ text: '내일 수리합니다', replyId: 'stats-reply-0001' }) });
    await gateway.api(`/api/complaints/${complaintId}/status`, { method: 'POST', headers: json, body: JSON.stringify({ status: 'closed', reason: '수리 완료' }) });
  });
  afterAll(async () => gateway?.stop());

  /** The rollup Lambda runs behind the in-process event port: its figures arrive shortly after the actions. */
  async function statisticsWhen(ready: (report: StatisticsReport) => boolean): Promise<StatisticsReport> {
    let report: StatisticsReport | undefined;
    for (let attempt = 0; attempt < 100; attempt += 1) {
      report = (await gateway.api<StatisticsReport>(`/api/statistics?from=${today}&to=${today}`, {}, { as: 'supervisor' })).body;
      if (ready(report)) return report;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`statistics never showed the expected figures: ${JSON.stringify(report?.total.complaints)}`);
  }

  it('answers a supervisor from the rollups the events fed: contacts, complaints, the answer and the close', async () => {
    const report = await statisticsWhen((r) => r.total.complaints.byStatus.closed === 1);
    expect(report.source).toBe('rollups');
    expect(report.total.contacts).toEqual({ total: 2, byChannel: { sms: 2 }, byLanguage: { en: 1, ko: 1 } });
    expect(report.total.complaints).toMatchObject({ total: 2, byStatus: { closed: 1, received: 1 }, byCategory: { unassigned: 2 } });
    expect(report.total.firstContactResolution).toEqual({ closed: 1, resolved: 1, rate: 1 });
    expect(report.total.firstReply.answered).toBe(1);
    expect(report.total.voiceQueues).toMatchObject({ available: false });
    expect(report.byDay).toHaveLength(1);
  });

  it('answers an auditor the same figures, and refuses a malformed range', async () => {
    const auditor = await gateway.api<StatisticsReport>(`/api/statistics?from=${today}&to=${today}`, {}, { as: 'auditor' });
    expect(auditor.status).toBe(200);
    expect(auditor.body.total.complaints.total).toBe(2);
    expect((await gateway.api(`/api/statistics?from=${today}&to=2020-01-01`, {}, { as: 'auditor' })).status).toBe(400);
  });

  it('downloads the figures as CSV', async () => {
    const response = await fetch(`${gateway.url}/api/statistics.csv?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${await gateway.tokenFor('auditor')}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="statistics-${today}-${today}.csv"`);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(text.startsWith('\uFEFFday,figure,key,value\r\n')).toBe(true);
    expect(text).toContain('total,complaints,,2\r\n');
    expect(text).toContain(`${today},contacts.byLanguage,en,1\r\n`);
  });

  it('records a read of the figures as statistics.read and a CSV download as statistics.download', async () => {
    const audit = new AuditTableReader(gateway.dynamoEndpoint, gateway.config.AUDIT_TABLE_NAME);
    try {
      const read = await audit.added(async () => {
        expect((await gateway.api(`/api/statistics?from=${today}&to=${today}`, {}, { as: 'supervisor' })).status).toBe(200);
      });
      expect(read).toHaveLength(1);
      expect(read[0]).toMatchObject({ action: 'statistics.read', outcome: 'allowed', role: 'supervisor', route: 'GET /api/statistics' });
      const download = await audit.added(async () => {
        const csv = await fetch(`${gateway.url}/api/statistics.csv?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${await gateway.tokenFor('auditor')}` } });
        expect(csv.status).toBe(200);
      });
      expect(download).toHaveLength(1);
      expect(download[0]).toMatchObject({ action: 'statistics.download', outcome: 'allowed', role: 'auditor', route: 'GET /api/statistics.csv' });
    } finally {
      audit.close();
    }
  });

  it('asks the closed complaint’s citizen to rate it, and files the answer on it instead of opening a complaint', async () => {
    const asked = async () => gateway.outbox.list().find((entry) => entry.body.startsWith('[서울시 120]') && entry.body.includes('만족'));
    for (let attempt = 0; attempt < 100 && !(await asked()); attempt += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await asked()).toBeDefined();
    await gateway.sms({ from: '010-6100-0001', body: '5' });
    await gateway.settle();
    const report = await statisticsWhen((r) => r.total.satisfaction.answered === 1);
    expect(report.total.satisfaction).toMatchObject({ asked: 1, answered: 1, average: 5, responseRate: 1 });
    expect(report.total.complaints.total).toBe(2);
    expect(report.total.contacts.total).toBe(2);
  });

  it('reconciles a day on demand and finds the rollups equal to the recount', async () => {
    const response = await fetch(`${gateway.url}/local/statistics/reconcile?day=${today}`, { method: 'POST', headers: { authorization: `Bearer ${await gateway.tokenFor('supervisor')}` } });
    expect(response.status).toBe(200);
    const report = (await response.json()) as ReconcileReport;
    expect(report.consistent).toBe(true);
    expect(report.kinds.complaints).toMatchObject({ driftFound: {}, refreshed: 0, rebuilt: false });
    const counselor = await fetch(`${gateway.url}/local/statistics/reconcile?day=${today}`, { method: 'POST', headers: { authorization: `Bearer ${await gateway.tokenFor('counselor')}` } });
    expect(counselor.status).toBe(403);
  });
});
