import type { PollerMetrics } from '../../core/x/ports.ts';
import { X_METRICS } from './x-env.ts';

/*
 * Poller metrics as CloudWatch Embedded Metric Format lines on stdout: CloudWatch Logs turns
 * them into metrics without an API call. Written with process.stdout, not console, so
 * Lambda's JSON log format does not wrap them.
 */
export function emfPollerMetrics(accountId: string, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): PollerMetrics {
  const emit = (name: string, value: number, extra: Record<string, unknown> = {}): void => {
    write(
      JSON.stringify({
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [{ Namespace: X_METRICS.namespace, Dimensions: [[X_METRICS.dimension]], Metrics: [{ Name: name, Unit: 'Count' }] }],
        },
        [X_METRICS.dimension]: accountId,
        [name]: value,
        ...extra,
      }),
    );
  };
  return {
    mentionsEnqueued: (count) => emit(X_METRICS.mentionsEnqueued, count),
    rateLimited: (resetAt) => emit(X_METRICS.rateLimited, 1, { resetAt: resetAt.toISOString() }),
    readBudgetExhausted: (month, budget) => emit(X_METRICS.readBudgetExhausted, 1, { month, budget }),
    usageCapped: (until) => emit(X_METRICS.usageCapExceeded, 1, { until: until.toISOString() }),
  };
}
