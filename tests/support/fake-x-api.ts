import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import twitterText from 'twitter-text';

// twitter-text is CommonJS whose named exports Node's ESM loader cannot see (tsx, npm run bench).
const { parseTweet } = twitterText;

/*
 * A local server speaking the X API v2 wire format for the endpoints the gateway uses, so the
 * real twitter-api-v2 client is exercised end to end (query building, auth headers, JSON
 * parsing, rate-limit headers, error classes):
 *   GET  /2/users/:id/mentions   since_id, pagination_token, max_results (5..100), expansions,
 *                                tweet.fields / user.fields (only requested fields are sent)
 *   GET  /2/tweets?ids=          lookup; deleted and protected posts come back in `errors`
 *   POST /2/tweets               create a post (user context only), reply.in_reply_to_tweet_id
 *   POST /2/compliance/jobs      batch compliance (app-only): upload_url / download_url on this
 *   GET  /2/compliance/jobs/:id  server; PUT the ids (one per line), GET the results (JSON lines,
 *                                only ids with an event: deleted, protected, suspended)
 * Bodies and headers follow X's documentation: {"meta":{"result_count":0}} for an empty page,
 * x-rate-limit-limit/remaining/reset on every answer, problem JSON for 4xx/5xx.
 * Ids are strings throughout; ordering uses string comparison by length then lexicographic.
 *
 * Like X (docs.x.com fundamentals/rate-limits, pricing, manage-tweets/integrate):
 * - every endpoint has its own rate-limit window and headers; a spent window answers 429
 *   "Too Many Requests" until its reset;
 * - posts returned by reads (mentions, lookup) count toward a monthly usage cap; past it every
 *   read answers 429 with the UsageCapExceeded problem (period Monthly, scope Product);
 * - POST /2/tweets weighs text with twitter-text (CJK 2, URLs 23) and answers a post over 280
 *   400 "Your Tweet text is too long..."; a text the account posted recently 403 "duplicate
 *   content"; and, self-serve, a reply to a post whose author did not mention the account (nor
 *   is the account itself) 403 "Reply to this conversation is not allowed...".
 */

export interface FakeTweet {
  id: string;
  text: string;
  author_id: string;
  conversation_id?: string;
  created_at?: string;
  in_reply_to_user_id?: string;
  referenced_tweets?: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[];
  /** X's language tag (BCP 47, or und/qme/zxx); sent only when tweet.fields asks for lang. */
  lang?: string;
}

export interface FakeUser {
  id: string;
  username: string;
  name: string;
  protected?: boolean;
}

/** One-shot answers consumed by the next request(s) to a route, in order. */
export type ScriptedAnswer =
  | { kind: 'pass' }
  | { kind: 'rate-limit'; resetEpochSeconds: number }
  | { kind: 'server-error'; status?: 500 | 502 | 503 }
  | { kind: 'drop-users' }
  | { kind: 'empty' };

export type FakeRoute = 'mentions' | 'lookup' | 'post' | 'compliance';

export interface FakeComplianceJob {
  id: string;
  status: 'created' | 'in_progress' | 'complete' | 'failed' | 'expired';
  ids: string[];
}

export interface RateWindow {
  limit: number;
  remaining: number;
  resetEpochSeconds: number;
}

export interface RecordedRequest {
  method: string;
  route: FakeRoute | 'unknown';
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  body?: unknown;
}

export interface PostedTweet {
  id: string;
  text: string;
  inReplyToTweetId?: string;
}

export interface FakeXApiOptions {
  accountId: string;
  /** The city's @username: a reply is allowed under posts that mention it (self-serve rule). */
  accountUsername?: string;
  /** The app-only bearer token: POST /2/tweets refuses it like X does. */
  appBearerToken?: string;
  /** The OAuth 1.0a access token of the account that owns the app: its reads of its own timelines are Owned Reads. */
  ownerAccessToken?: string;
  /** Windows per endpoint; unset ones are wide open (X's pay-per-use app limits). */
  rateLimits?: Partial<Record<FakeRoute, RateWindow>>;
  /** Posts readable per month before X answers UsageCapExceeded. @default unlimited */
  monthlyPostCap?: number;
  /** Enterprise apps may reply anywhere; self-serve ones only where summoned. @default true */
  selfServe?: boolean;
}

const FAR_RESET = 4_102_444_800;
const DEFAULT_WINDOWS: Record<FakeRoute, RateWindow> = {
  mentions: { limit: 450, remaining: 450, resetEpochSeconds: FAR_RESET },
  lookup: { limit: 3500, remaining: 3500, resetEpochSeconds: FAR_RESET },
  post: { limit: 100, remaining: 100, resetEpochSeconds: FAR_RESET },
  compliance: { limit: 150, remaining: 150, resetEpochSeconds: FAR_RESET },
};

export const X_TOO_LONG =
  'Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.';
export const X_DUPLICATE = 'You are not allowed to create a Tweet with duplicate content.';
export const X_REPLY_NOT_ALLOWED =
  'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.';

function compareIds(a: string, b: string): number {
  if (a.length !== b.length) return a.length - b.length;
  return a === b ? 0 : a < b ? -1 : 1;
}

const DEFAULT_TWEET_FIELDS = new Set(['id', 'text', 'edit_history_tweet_ids']);

export class FakeXApi {
  readonly requests: RecordedRequest[] = [];
  readonly posted: PostedTweet[] = [];
  /** Posts deleted by their authors: lookups answer "Not Found Error". */
  readonly deleted = new Set<string>();
  /** Posts whose authors went protected: lookups answer "Authorization Error". */
  readonly protectedPosts = new Set<string>();
  /** Posts of suspended accounts: compliance jobs report them `suspended`. */
  readonly suspendedPosts = new Set<string>();
  /** Posts withheld by country (country_codes): lookups asking for tweet.fields=withheld see it. */
  readonly withheldPosts = new Map<string, string[]>();
  readonly complianceJobs: FakeComplianceJob[] = [];
  private readonly tweets = new Map<string, FakeTweet>();
  /** Post id -> every id of its edit chain, oldest first. */
  private readonly editHistory = new Map<string, string[]>();
  private readonly users = new Map<string, FakeUser>();
  private readonly scripts: Record<FakeRoute, ScriptedAnswer[]> = { mentions: [], lookup: [], post: [], compliance: [] };
  private nextPostedId = 1866503928398045184n;
  private readonly windows: Record<FakeRoute, RateWindow>;
  /** Posts returned by reads this month (what the usage cap counts). */
  postsRead = 0;
  /** What X would bill: posts at the Owned Reads rate (own mentions read as the owner) and at the standard rate. */
  readonly billed = { ownedReads: 0, reads: 0 };

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly options: FakeXApiOptions,
  ) {
    this.windows = {
      mentions: { ...DEFAULT_WINDOWS.mentions, ...options.rateLimits?.mentions },
      lookup: { ...DEFAULT_WINDOWS.lookup, ...options.rateLimits?.lookup },
      post: { ...DEFAULT_WINDOWS.post, ...options.rateLimits?.post },
      compliance: { ...DEFAULT_WINDOWS.compliance, ...options.rateLimits?.compliance },
    };
  }

  static async start(options: FakeXApiOptions): Promise<FakeXApi> {
    let api: FakeXApi | undefined;
    const server = createServer((req, res) => {
      void api?.handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    api = new FakeXApi(server, `http://127.0.0.1:${port}`, options);
    return api;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
  }

  addMention(tweet: FakeTweet, author?: FakeUser): void {
    this.tweets.set(tweet.id, { conversation_id: tweet.id, ...tweet });
    if (author) this.users.set(author.id, author);
  }

  /** Makes the next request(s) to `route` answer as scripted, in order. */
  script(route: FakeRoute, ...answers: ScriptedAnswer[]): void {
    this.scripts[route].push(...answers);
  }

  /** Sets one endpoint's window (default: the mention timeline's). */
  setRateLimit(limit: RateWindow, route: FakeRoute = 'mentions'): void {
    this.windows[route] = { ...limit };
  }

  setMonthlyPostCap(cap: number | undefined): void {
    if (cap === undefined) delete this.options.monthlyPostCap;
    else this.options.monthlyPostCap = cap;
  }

  rateWindow(route: FakeRoute): RateWindow {
    return { ...this.windows[route] };
  }

  /** A mention the author edited: X gives the new version a new id and lists both in edit_history_tweet_ids. */
  editMention(originalId: string, newId: string, text: string, createdAt?: string): void {
    const original = this.tweets.get(originalId);
    if (!original) throw new Error(`no mention ${originalId}`);
    const history = [...(this.editHistory.get(originalId) ?? [originalId]), newId];
    for (const id of history) this.editHistory.set(id, history);
    this.tweets.set(newId, { ...original, id: newId, text, ...(createdAt ? { created_at: createdAt } : {}) });
  }

  /** X finished processing every uploaded compliance job. */
  completeComplianceJobs(): void {
    for (const job of this.complianceJobs) if (job.status === 'in_progress') job.status = 'complete';
  }

  mentionRequests(): RecordedRequest[] {
    return this.requests.filter((request) => request.route === 'mentions');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const authorization = req.headers.authorization;
    const mentions = /^\/2\/users\/([0-9]+)\/mentions$/.exec(url.pathname);
    const raw = await readBody(req);
    // The signed storage URLs of a compliance job: no X authorization, no rate limit.
    const storage = /^\/compliance-storage\/(upload|download)\/([0-9]+)$/.exec(url.pathname);
    if (storage) return this.answerStorage(res, storage[1] === 'upload' ? 'upload' : 'download', storage[2] ?? '', req.method ?? 'GET', raw);
    const route: FakeRoute | 'unknown' =
      mentions && req.method === 'GET'
        ? 'mentions'
        : url.pathname === '/2/tweets' && req.method === 'GET'
          ? 'lookup'
          : url.pathname === '/2/tweets' && req.method === 'POST'
            ? 'post'
            : url.pathname.startsWith('/2/compliance/jobs')
              ? 'compliance'
              : 'unknown';
    const recorded: RecordedRequest = { method: req.method ?? 'GET', route, path: url.pathname, query: url.searchParams, authorization };
    if (raw.length > 0) {
      try {
        recorded.body = JSON.parse(raw);
      } catch {
        recorded.body = raw;
      }
    }
    this.requests.push(recorded);

    if (!authorization || !/^(Bearer|OAuth) /.test(authorization)) {
      return this.problem(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });
    }
    if (route === 'unknown') {
      return this.problem(res, 404, { title: 'Not Found Error', type: 'about:blank', status: 404, detail: `no route ${url.pathname}` });
    }
    this.route = route;
    // Owned Reads: the owner's user context reading its own mention timeline.
    this.readAsOwner =
      route === 'mentions' &&
      mentions?.[1] === this.options.accountId &&
      this.options.ownerAccessToken !== undefined &&
      authorization.startsWith('OAuth ') &&
      authorization.includes(`oauth_token="${encodeURIComponent(this.options.ownerAccessToken)}"`);
    const window = this.windows[route];
    const scripted = this.scripts[route].shift();
    if (scripted?.kind === 'rate-limit') {
      this.windows[route] = { ...window, remaining: 0, resetEpochSeconds: scripted.resetEpochSeconds };
      return this.tooManyRequests(res);
    }
    if (scripted?.kind === 'server-error') {
      const status = scripted.status ?? 503;
      return this.problem(res, status, { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status });
    }
    if (window.remaining <= 0) return this.tooManyRequests(res);
    window.remaining -= 1;
    if (route !== 'post' && this.options.monthlyPostCap !== undefined && this.postsRead >= this.options.monthlyPostCap) {
      // The body X sends at the cap (period Daily or Monthly, scope Account or Product).
      return this.problem(res, 429, {
        account_id: 1,
        product_name: 'standard-basic',
        title: 'UsageCapExceeded',
        period: 'Monthly',
        scope: 'Product',
        detail: 'Usage cap exceeded: Monthly product cap',
        type: 'https://api.twitter.com/2/problems/usage-capped',
      });
    }

    if (route === 'mentions') return this.answerMentions(res, mentions?.[1] ?? '', url.searchParams, scripted);
    if (route === 'lookup') return this.answerLookup(res, url.searchParams);
    if (route === 'compliance') return this.answerCompliance(res, authorization, req.method ?? 'GET', url.pathname, recorded.body);
    return this.answerPost(res, authorization, recorded.body);
  }

  private jobBody(job: FakeComplianceJob): Record<string, unknown> {
    return {
      id: job.id,
      type: 'tweets',
      status: job.status,
      resumable: false,
      created_at: '2025-03-14T05:00:00.000Z',
      upload_url: `${this.baseUrl}/compliance-storage/upload/${job.id}`,
      upload_expires_at: '2025-03-14T05:15:00.000Z',
      download_url: `${this.baseUrl}/compliance-storage/download/${job.id}`,
      download_expires_at: '2025-03-21T05:00:00.000Z',
    };
  }

  private answerCompliance(res: ServerResponse, authorization: string, method: string, path: string, body: unknown): void {
    if (!authorization.startsWith('Bearer ') || authorization !== `Bearer ${this.options.appBearerToken ?? ''}`) {
      return this.problem(res, 403, {
        title: 'Unsupported Authentication',
        detail: 'Authenticating with OAuth 1.0a User Context is forbidden for this endpoint.  Supported authentication types are [OAuth 2.0 Application-Only].',
        type: 'https://api.twitter.com/2/problems/unsupported-authentication',
        status: 403,
      });
    }
    const byId = /^\/2\/compliance\/jobs\/([0-9]+)$/.exec(path);
    if (method === 'GET' && byId) {
      const job = this.complianceJobs.find((candidate) => candidate.id === byId[1]);
      if (!job) return this.problem(res, 404, { title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found', detail: 'Could not find job' });
      return this.json(res, 200, { data: this.jobBody(job) });
    }
    if (method === 'POST' && path === '/2/compliance/jobs' && (body as { type?: unknown } | undefined)?.type === 'tweets') {
      const job: FakeComplianceJob = { id: String(1_500_000_000_000_000_000n + BigInt(this.complianceJobs.length + 1)), status: 'created', ids: [] };
      this.complianceJobs.push(job);
      return this.json(res, 200, { data: this.jobBody(job) });
    }
    return this.problem(res, 400, { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.twitter.com/2/problems/invalid-request' });
  }

  private answerStorage(res: ServerResponse, kind: 'upload' | 'download', jobId: string, method: string, raw: string): void {
    const job = this.complianceJobs.find((candidate) => candidate.id === jobId);
    if (!job) return void res.writeHead(404).end();
    if (kind === 'upload' && method === 'PUT') {
      job.ids = raw.split('\n').map((line) => line.trim()).filter(Boolean);
      job.status = 'in_progress';
      return void res.writeHead(200).end();
    }
    if (kind === 'download' && method === 'GET' && job.status === 'complete') {
      const events = job.ids.flatMap((id) => {
        const reason = this.deleted.has(id) || !this.tweets.has(id) ? 'deleted' : this.protectedPosts.has(id) ? 'protected' : this.suspendedPosts.has(id) ? 'suspended' : undefined;
        return reason ? [JSON.stringify({ id, action: 'delete', created_at: '2025-03-14T04:00:00.000Z', redacted_at: '2025-03-14T05:30:00.000Z', reason })] : [];
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      return void res.end(events.join('\n'));
    }
    return void res.writeHead(403).end();
  }

  private route: FakeRoute = 'mentions';
  private readAsOwner = false;

  private tooManyRequests(res: ServerResponse): void {
    this.problem(res, 429, { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });
  }

  private answerMentions(res: ServerResponse, userId: string, query: URLSearchParams, scripted: ScriptedAnswer | undefined): void {
    const maxResults = query.has('max_results') ? Number(query.get('max_results')) : 10;
    if (!Number.isInteger(maxResults) || maxResults < 5 || maxResults > 100) {
      return this.problem(res, 400, {
        errors: [
          {
            parameters: { max_results: [String(query.get('max_results'))] },
            message: `The \`max_results\` query parameter value [${String(query.get('max_results'))}] is not between 5 and 100`,
          },
        ],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    }
    if (userId !== this.options.accountId || scripted?.kind === 'empty') return this.json(res, 200, { meta: { result_count: 0 } });

    const sinceId = query.get('since_id');
    const token = query.get('pagination_token');
    const olderThan = token ? Buffer.from(token, 'base64url').toString('utf8').replace(/^before:/, '') : undefined;
    const matching = [...this.tweets.values()]
      .filter((tweet) => (sinceId ? compareIds(tweet.id, sinceId) > 0 : true))
      .filter((tweet) => (olderThan ? compareIds(tweet.id, olderThan) < 0 : true))
      .sort((a, b) => compareIds(b.id, a.id));
    const page = matching.slice(0, maxResults);
    if (page.length === 0) return this.json(res, 200, { meta: { result_count: 0 } });

    const tweetFields = new Set([...DEFAULT_TWEET_FIELDS, ...(query.get('tweet.fields')?.split(',') ?? [])]);
    const data = page.map((tweet) => pick({ ...tweet, edit_history_tweet_ids: this.editHistory.get(tweet.id) ?? [tweet.id] }, tweetFields));
    this.postsRead += page.length;
    if (this.readAsOwner) this.billed.ownedReads += page.length;
    else this.billed.reads += page.length;
    const body: Record<string, unknown> = { data };
    const expansions = query.get('expansions')?.split(',') ?? [];
    if (expansions.includes('author_id') && scripted?.kind !== 'drop-users') {
      const userFields = new Set(['id', 'name', 'username', ...(query.get('user.fields')?.split(',') ?? [])]);
      const authorIds = [...new Set(page.map((tweet) => tweet.author_id))];
      const users = authorIds.flatMap((id) => {
        const user = this.users.get(id);
        return user ? [pick({ ...user, protected: user.protected ?? false }, userFields)] : [];
      });
      if (users.length > 0) body.includes = { users };
    }
    const last = page[page.length - 1];
    const meta: Record<string, unknown> = {
      result_count: page.length,
      newest_id: page[0]?.id,
      oldest_id: last?.id,
    };
    if (matching.length > page.length && last) meta.next_token = Buffer.from(`before:${last.id}`, 'utf8').toString('base64url');
    body.meta = meta;
    return this.json(res, 200, body);
  }

  private answerLookup(res: ServerResponse, query: URLSearchParams): void {
    const ids = query.get('ids')?.split(',').filter(Boolean) ?? [];
    if (ids.length === 0 || ids.length > 100) {
      return this.problem(res, 400, {
        errors: [{ parameters: { ids: [query.get('ids') ?? ''] }, message: 'The number of values in the `ids` query parameter list must be between 1 and 100' }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    }
    const data: unknown[] = [];
    const errors: unknown[] = [];
    for (const id of ids) {
      const tweet = this.tweets.get(id);
      if (this.protectedPosts.has(id)) {
        errors.push({
          value: id,
          detail: `Sorry, you are not authorized to see the Tweet with ids: [${id}].`,
          title: 'Authorization Error',
          resource_type: 'tweet',
          parameter: 'ids',
          resource_id: id,
          type: 'https://api.twitter.com/2/problems/not-authorized-for-resource',
        });
      } else if (!tweet || this.deleted.has(id)) {
        errors.push({
          value: id,
          detail: `Could not find tweet with ids: [${id}].`,
          title: 'Not Found Error',
          resource_type: 'tweet',
          parameter: 'ids',
          resource_id: id,
          type: 'https://api.twitter.com/2/problems/resource-not-found',
        });
      } else {
        const withheld = this.withheldPosts.get(id);
        const asksWithheld = query.get('tweet.fields')?.split(',').includes('withheld') === true;
        data.push({
          id: tweet.id,
          text: tweet.text,
          edit_history_tweet_ids: this.editHistory.get(tweet.id) ?? [tweet.id],
          ...(withheld && asksWithheld ? { withheld: { copyright: false, country_codes: withheld } } : {}),
        });
      }
    }
    const body: Record<string, unknown> = {};
    this.postsRead += data.length;
    this.billed.reads += data.length;
    if (data.length > 0) body.data = data;
    if (errors.length > 0) body.errors = errors;
    return this.json(res, 200, body);
  }

  private answerPost(res: ServerResponse, authorization: string, body: unknown): void {
    if (this.options.appBearerToken && authorization === `Bearer ${this.options.appBearerToken}`) {
      return this.problem(res, 403, {
        title: 'Unsupported Authentication',
        detail: 'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
        type: 'https://api.twitter.com/2/problems/unsupported-authentication',
        status: 403,
      });
    }
    const request = (typeof body === 'object' && body !== null ? body : {}) as { text?: unknown; reply?: { in_reply_to_tweet_id?: unknown } };
    if (typeof request.text !== 'string' || request.text.length === 0) {
      return this.problem(res, 400, { title: 'Invalid Request', detail: 'text is required', type: 'https://api.twitter.com/2/problems/invalid-request' });
    }
    if (parseTweet(request.text).weightedLength > 280) {
      return this.problem(res, 400, {
        errors: [{ parameters: { text: [request.text] }, message: X_TOO_LONG }],
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
      });
    }
    if (this.posted.some((earlier) => earlier.text === request.text)) {
      return this.problem(res, 403, { detail: X_DUPLICATE, type: 'about:blank', title: 'Forbidden', status: 403 });
    }
    const replyTo = request.reply?.in_reply_to_tweet_id;
    if (typeof replyTo === 'string' && !this.mayReplyTo(replyTo)) {
      return this.problem(res, 403, { title: 'Forbidden', status: 403, detail: X_REPLY_NOT_ALLOWED, type: 'about:blank' });
    }
    const id = String(this.nextPostedId);
    this.nextPostedId += 1n;
    const posted: PostedTweet = { id, text: request.text };
    if (typeof replyTo === 'string') posted.inReplyToTweetId = replyTo;
    this.posted.push(posted);
    return this.json(res, 201, { data: { id, edit_history_tweet_ids: [id], text: request.text } });
  }

  /**
   * Self-serve apps may reply only where summoned: under their own posts, or a post whose author
   * mentioned the account. Posts the fake does not hold are let through (tests that ingest
   * mentions without serving them).
   */
  private mayReplyTo(tweetId: string): boolean {
    if (this.options.selfServe === false || this.posted.some((post) => post.id === tweetId)) return true;
    const target = this.tweets.get(tweetId);
    if (!target) return true;
    if (target.author_id === this.options.accountId) return true;
    const username = this.options.accountUsername;
    return username !== undefined && new RegExp(`(^|[^A-Za-z0-9_])@${username}(?![A-Za-z0-9_])`, 'i').test(target.text);
  }

  private headers(): Record<string, string> {
    const window = this.windows[this.route];
    return {
      'content-type': 'application/json; charset=utf-8',
      'x-rate-limit-limit': String(window.limit),
      'x-rate-limit-remaining': String(window.remaining),
      'x-rate-limit-reset': String(window.resetEpochSeconds),
    };
  }

  private json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, this.headers());
    res.end(JSON.stringify(body));
  }

  private problem(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { ...this.headers(), 'content-type': 'application/problem+json' });
    res.end(JSON.stringify(body));
  }
}

function pick(source: object, fields: Set<string>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(source).filter(([key, value]) => fields.has(key) && value !== undefined));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
