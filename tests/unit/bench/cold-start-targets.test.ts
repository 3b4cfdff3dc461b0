import { describe, expect, it } from 'vitest';
import { coldStartTargets, type LoadFigure } from '../../../bench/cold-start-targets.ts';

const figure = (name: string, synchronous: boolean, moduleLoadVsSdkFloor: number): LoadFigure => ({ function: name, synchronous, moduleLoadVsSdkFloor });

describe('cold-start budget: ratios to the SDK floor measured in the same run', () => {
  it('holds synchronous citizen-facing functions to 1.25 x the floor and the others to 1.6 x', () => {
    const met = coldStartTargets([figure('sms-twilio-webhook', true, 1.25), figure('intake-pipeline', false, 1.6)], 0.7);
    expect(met.met).toBe(true);
    expect(met.failing).toEqual([]);

    const slowWebhook = coldStartTargets([figure('sms-twilio-webhook', true, 1.3), figure('intake-pipeline', false, 1.3)], 0.9);
    expect(slowWebhook.met).toBe(false);
    expect(slowWebhook.failing).toEqual(['sms-twilio-webhook: module load 1.3 x the SDK floor, above 1.25 (synchronous, citizen-facing)']);

    const slowOther = coldStartTargets([figure('intake-pipeline', false, 1.61)], 0.9);
    expect(slowOther.failing).toEqual(['intake-pipeline: module load 1.61 x the SDK floor, above 1.6']);
  });

  it('requires the pipeline/floor throughput ratio to be at least 0.7', () => {
    const result = coldStartTargets([figure('chat-message', true, 1)], 0.69);
    expect(result.met).toBe(false);
    expect(result.failing).toEqual(['pipeline/floor throughput ratio 0.69, below 0.7']);
  });

  it('never reads an unmeasured figure as met', () => {
    expect(coldStartTargets([figure('chat-message', true, Number.NaN)], 0.9).met).toBe(false);
    expect(coldStartTargets([figure('chat-message', true, 1)], Number.NaN).met).toBe(false);
    const pipelineOnly = coldStartTargets(undefined, 0.9);
    expect(pipelineOnly.met).toBe(false);
    expect(pipelineOnly.failing).toEqual(['module loads not measured (BENCH_ONLY=pipeline)']);
  });

  it('states its rules in the JSON line, naming the synchronous functions', () => {
    const result = coldStartTargets([figure('chat-authorizer', true, 1), figure('x-mention-poller', false, 1)], 0.8);
    expect(result).toMatchObject({ synchronousLoadVsSdkFloorAtMost: 1.25, otherLoadVsSdkFloorAtMost: 1.6, ratioAtLeast: 0.7 });
    expect(result.rules).toEqual([
      'module load (CPU time) of each synchronous, citizen-facing function (chat-authorizer) <= 1.25 x the SDK floor bundle\'s, both measured in this run',
      'module load (CPU time) of every other function <= 1.6 x the SDK floor bundle\'s',
      'pipeline/storage-floor throughput ratio (median of its pairs) >= 0.7',
    ]);
  });
});
