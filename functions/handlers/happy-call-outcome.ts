import middy from '@middy/core';
import { createHappyCallOutcomeHandler } from '../channels/voice/happy-call-outcome-handler.ts';
import type { Log } from '../core/ports/runtime.ts';
import type { HappyCallRepository } from '../core/voice/happy-call-scheduler.ts';
import { describeError } from './shared/describe-error.ts';
import { lazy } from './shared/lazy.ts';
import { log as lambdaLog } from '../wiring/aws/log-and-clock.ts';
import { happyCallOutcomeDeps } from '../wiring/aws/voice-happy-call.ts';

type OutcomeDeps = { repository: HappyCallRepository; log: Log; now(): Date };

/** Invoked by the happy-call flow with Parameters.outcome; answers a flat map, never throws. */
export function createHappyCallOutcomeLambda(getDeps: () => Promise<OutcomeDeps>, log: Log = lambdaLog) {
  return middy(async (event: unknown): Promise<Record<string, string>> => {
    let deps: OutcomeDeps;
    try {
      deps = await getDeps();
    } catch (error) {
      log.error('happy-call outcome not recorded: dependencies unavailable', describeError(error));
      return { recorded: 'false' };
    }
    return createHappyCallOutcomeHandler(deps)(event);
  });
}

export const handler = createHappyCallOutcomeLambda(lazy(happyCallOutcomeDeps));
