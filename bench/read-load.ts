/**
 * Counselors reading complaint details in a loop, in a process of its own (as the SMS load
 * generator: load generation is not charged to the gateway's event loop). `concurrency`
 * readers each GET /api/complaints/{id} over keep-alive HTTP, back to back or at a counselor's
 * pace, cycling through the ids, until told to stop; the child then reports how many reads it
 * made and their latencies.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

export interface ReadLoad {
  gatewayUrl: string;
  token: string;
  complaintIds: readonly string[];
  concurrency: number;
  /** Each reader starts a read at most every `periodMs` (a counselor's pace); back to back without it. */
  periodMs?: number;
}

export interface ReadReport {
  reads: number;
  failures: number;
  seconds: number;
  latenciesMs: number[];
}

type ToWorker = { kind: 'start'; load: ReadLoad } | { kind: 'stop' };
type FromWorker = { kind: 'started' } | { kind: 'report'; report: ReadReport };

const agent = new Agent({ keepAlive: true, maxSockets: 256 });

function get(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', agent, headers: { authorization: `Bearer ${token}` } }, (res) => {
      res.on('data', () => undefined);
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function readUntilStopped(load: ReadLoad, stopped: () => boolean): Promise<ReadReport> {
  const latenciesMs: number[] = [];
  let reads = 0;
  let failures = 0;
  let next = 0;
  const started = performance.now();
  const reader = async () => {
    // Paced readers start spread over one period, so the offered rate is even.
    if (load.periodMs) await new Promise((resolve) => setTimeout(resolve, Math.random() * (load.periodMs ?? 0)));
    while (!stopped()) {
      const id = load.complaintIds[next++ % load.complaintIds.length];
      const t0 = performance.now();
      const status = await get(`${load.gatewayUrl}/api/complaints/${id}`, load.token).catch(() => 0);
      if (status === 200) {
        reads += 1;
        latenciesMs.push(performance.now() - t0);
      } else failures += 1;
      const rest = (load.periodMs ?? 0) - (performance.now() - t0);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  };
  await Promise.all(Array.from({ length: load.concurrency }, reader));
  return { reads, failures, seconds: (performance.now() - started) / 1000, latenciesMs };
}

/** One reader process; `start` begins the loop, `stop` ends it and resolves with the report. */
export class ReadLoadGenerator {
  readonly #child: ChildProcess;

  constructor() {
    this.#child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  }

  #next(kind: FromWorker['kind']): Promise<FromWorker> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`read load generator exited with ${code}`));
      this.#child.once('exit', onExit);
      const listener = (message: FromWorker) => {
        if (message.kind !== kind) return;
        this.#child.off('message', listener);
        this.#child.off('exit', onExit);
        resolve(message);
      };
      this.#child.on('message', listener);
    });
  }

  async start(load: ReadLoad): Promise<void> {
    const started = this.#next('started');
    this.#child.send({ kind: 'start', load } satisfies ToWorker);
    await started;
  }

  async stop(): Promise<ReadReport> {
    const report = this.#next('report');
    this.#child.send({ kind: 'stop' } satisfies ToWorker);
    return ((await report) as Extract<FromWorker, { kind: 'report' }>).report;
  }

  close(): void {
    if (this.#child.connected) this.#child.disconnect();
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill();
  }
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  const send = process.send.bind(process);
  let stop = false;
  let running: Promise<ReadReport> | undefined;
  process.on('message', (message: ToWorker) => {
    if (message.kind === 'start') {
      stop = false;
      running = readUntilStopped(message.load, () => stop);
      send({ kind: 'started' } satisfies FromWorker);
      return;
    }
    stop = true;
    void running?.then((report) => send({ kind: 'report', report } satisfies FromWorker));
  });
}
