/**
 * The benchmark's SMS load generator, in a process of its own: Twilio is remote, so signing and
 * posting webhooks must not be charged to the gateway's event loop (the storage floor pays for
 * no load generation either). The child posts signed webhooks over keep-alive HTTP and tells the
 * benchmark when each contact left (absolute milliseconds: performance.timeOrigin + now(), which
 * both processes read from the same system clock).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { messageIdFor } from '../functions/core/ids.ts';
import { newMessageSid, postTwilioSms } from '../local/simulated-twilio.ts';
import { keepAlivePost } from './support.ts';

export interface SmsLoadTarget {
  gatewayUrl: string;
  authToken: string;
  accountSid: string;
  citizens: number;
  texts: readonly string[];
}

/** `closed`: `concurrency` senders back to back; `paced`: one contact every 1/rate s (open loop). */
export type SmsLoadRun = ({ mode: 'closed'; concurrency: number } | { mode: 'paced'; ratePerSecond: number }) & {
  firstIndex: number;
  count: number;
  /** Contact i comes from citizen citizenOffset + (i mod target.citizens): runs can use distinct citizens. */
  citizenOffset: number;
};

type FromWorker = { kind: 'sent'; messageId: string; at: number } | { kind: 'done' } | { kind: 'failed'; error: string };

export const absoluteNow = (): number => performance.timeOrigin + performance.now();

/** A distinct Korean mobile number per citizen: 010-5xxx-yyyy. */
export function citizenPhone(citizen: number): string {
  return `010-${5000 + Math.floor(citizen / 10_000)}-${String(citizen % 10_000).padStart(4, '0')}`;
}

async function runInWorker(target: SmsLoadTarget, run: SmsLoadRun, report: (message: FromWorker) => void): Promise<void> {
  const send = async (i: number): Promise<void> => {
    const sid = newMessageSid();
    report({ kind: 'sent', messageId: messageIdFor({ channel: 'sms', provider: 'twilio', providerMessageId: sid }), at: absoluteNow() });
    const response = await postTwilioSms({
      gatewayUrl: target.gatewayUrl,
      publicBaseUrl: target.gatewayUrl,
      authToken: target.authToken,
      accountSid: target.accountSid,
      post: keepAlivePost,
      sms: {
        // One number per citizen, so a citizen's later contacts join their open complaint.
        from: citizenPhone(run.citizenOffset + (i % target.citizens)),
        body: `${target.texts[i % target.texts.length]} #${i}`,
        messageSid: sid,
      },
    });
    if (response.status !== 200) throw new Error(`contact ${i} answered ${response.status}: ${response.body}`);
  };
  if (run.mode === 'closed') {
    let next = 0;
    const sender = async () => {
      while (next < run.count) await send(run.firstIndex + next++);
    };
    await Promise.all(Array.from({ length: run.concurrency }, sender));
    return;
  }
  const start = performance.now();
  const inFlight: Array<Promise<void>> = [];
  let failure: unknown;
  for (let i = 0; i < run.count && failure === undefined; i += 1) {
    const wait = start + (i * 1000) / run.ratePerSecond - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // Caught at once (an unobserved rejection would end the process); the run reports the first.
    inFlight.push(send(run.firstIndex + i).catch((error: unknown) => void (failure ??= error)));
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
}

type ToWorker = { kind: 'target'; target: SmsLoadTarget } | { kind: 'run'; run: SmsLoadRun };

/** A load generator process for one gateway; `run` resolves when every webhook of the run was answered. */
export class SmsLoadGenerator {
  readonly #child: ChildProcess;

  constructor(target: SmsLoadTarget, private readonly onSent: (messageId: string, at: number) => void) {
    this.#child = fork(fileURLToPath(import.meta.url), [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.#child.send({ kind: 'target', target } satisfies ToWorker);
  }

  run(run: SmsLoadRun): Promise<void> {
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`load generator exited with ${code}`));
      const listener = (message: FromWorker) => {
        if (message.kind === 'sent') return this.onSent(message.messageId, message.at);
        this.#child.off('message', listener);
        this.#child.off('exit', onExit);
        if (message.kind === 'done') resolve();
        else reject(new Error(message.error));
      };
      this.#child.on('message', listener);
      this.#child.once('exit', onExit);
      this.#child.send({ kind: 'run', run } satisfies ToWorker);
    });
  }

  /** Idempotent: also called when the benchmark process exits after a failure. */
  close(): void {
    if (this.#child.connected) this.#child.disconnect();
    if (this.#child.exitCode === null && this.#child.signalCode === null) this.#child.kill();
  }
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) {
  const send = process.send.bind(process);
  let target: SmsLoadTarget | undefined;
  process.on('message', (message: ToWorker) => {
    if (message.kind === 'target') {
      target = message.target;
      return;
    }
    if (!target) return void send({ kind: 'failed', error: 'no target' } satisfies FromWorker);
    runInWorker(target, message.run, (report) => send(report)).then(
      () => send({ kind: 'done' } satisfies FromWorker),
      (error: unknown) => send({ kind: 'failed', error: error instanceof Error ? error.message : String(error) } satisfies FromWorker),
    );
  });
}
