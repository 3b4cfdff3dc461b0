import { describe, expect, it } from 'vitest';
import { requestFields } from '../../../functions/core/audit/record-access.ts';
import { ManualClock } from '../../support/in-memory-ports.ts';

const fieldsOf = (route: string) => requestFields({ requestId: 'req-1', at: '2026-05-11T00:00:00.000Z', sourceIp: '127.0.0.1', route }, new ManualClock());

describe('the route an access record names', () => {
  it('keeps a template, also one whose last segment names a file type (the statistics CSV)', () => {
    expect(fieldsOf('GET /api/complaints/{id}').route).toBe('GET /api/complaints/{id}');
    expect(fieldsOf('GET /api/statistics.csv').route).toBe('GET /api/statistics.csv');
  });

  it('drops a concrete path, so an id or a receipt number never gets in', () => {
    expect(fieldsOf('GET /api/complaints/20261205-ABCDE-FGHIJ').route).toBeUndefined();
    expect(fieldsOf('GET /api/complaints/cmp_01HXYZ').route).toBeUndefined();
    expect(fieldsOf('GET /api/complaints/a.1234').route).toBeUndefined();
  });
});
