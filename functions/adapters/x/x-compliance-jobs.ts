import { ApiResponseError, type TwitterApiv2 } from 'twitter-api-v2';
import * as z from '../../../schemas/zod-mini.ts';
import type { Clock } from '../../core/ports/runtime.ts';
import type { ComplianceJobStatus, RateLimited, XComplianceJobs } from '../../core/x/ports.ts';
import { rateLimitedAnswer, XResponseShapeError } from './twitter-api-v2-source.ts';

/*
 * X batch compliance (docs.x.com x-api/compliance/batch-compliance): POST /2/compliance/jobs and
 * GET /2/compliance/jobs/:id with the app bearer token through twitter-api-v2; the ids go to the
 * job's upload_url (PUT, text/plain, one id per line) and the results come from its
 * download_url (JSON lines: {id, action, created_at, redacted_at, reason}), both signed storage
 * URLs reached with plain fetch.
 */
const JobSchema = z.object({
  data: z.object({
    id: z.string(),
    status: z.enum(['created', 'in_progress', 'complete', 'failed', 'expired']),
    upload_url: z.string(),
    download_url: z.string(),
  }),
});
const ResultLineSchema = z.object({ id: z.string(), reason: z.string() });

export class TwitterApiV2ComplianceJobs implements XComplianceJobs {
  constructor(
    private readonly client: TwitterApiv2,
    private readonly clock: Clock,
    private readonly fetchImpl: typeof fetch = globalThis.fetch,
  ) {}

  async create(): Promise<{ id: string; uploadUrl: string; downloadUrl: string } | RateLimited> {
    const job = await this.call(() => this.client.post('compliance/jobs', { type: 'tweets' }));
    if ('kind' in job) return job;
    return { id: job.id, uploadUrl: job.upload_url, downloadUrl: job.download_url };
  }

  async upload(uploadUrl: string, ids: string[]): Promise<void> {
    const response = await this.fetchImpl(uploadUrl, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: `${ids.join('\n')}\n` });
    if (!response.ok) throw new Error(`compliance job upload failed: HTTP ${response.status}`);
  }

  async status(jobId: string): Promise<{ status: ComplianceJobStatus } | RateLimited> {
    if (!/^[0-9]{1,20}$/.test(jobId)) throw new RangeError('compliance job ids are numeric');
    const job = await this.call(() => this.client.get(`compliance/jobs/${jobId}`));
    return 'kind' in job ? job : { status: job.status };
  }

  async results(downloadUrl: string): Promise<{ id: string; reason: string }[]> {
    const response = await this.fetchImpl(downloadUrl);
    if (!response.ok) throw new Error(`compliance job download failed: HTTP ${response.status}`);
    const lines = (await response.text()).split('\n').filter((line) => line.trim() !== '');
    return lines.map((line) => {
      const parsed = ResultLineSchema.safeParse(JSON.parse(line));
      if (!parsed.success) throw new XResponseShapeError('unexpected compliance result line');
      return parsed.data;
    });
  }

  private async call(request: () => Promise<unknown>): Promise<z.infer<typeof JobSchema>['data'] | RateLimited> {
    let raw: unknown;
    try {
      raw = await request();
    } catch (error) {
      if (error instanceof ApiResponseError && error.code === 429) return rateLimitedAnswer(error, this.clock.now());
      throw error;
    }
    const parsed = JobSchema.safeParse(raw);
    if (!parsed.success) throw new XResponseShapeError('unexpected compliance job body');
    return parsed.data.data;
  }
}
