/**
 * The benchmark's budget (ADR 0008). This machine's speed swings by half from run to run, so
 * module load is judged against the SDK floor bundle loaded in the same run, never in
 * milliseconds, and by the CPU time the load costs, not its wall time (bench/bundles.ts).
 * Which functions are synchronous is the catalog's `synchronous` flag.
 */
export const SYNCHRONOUS_LOAD_VS_SDK_FLOOR_AT_MOST = 1.25;
export const OTHER_LOAD_VS_SDK_FLOOR_AT_MOST = 1.6;
export const THROUGHPUT_RATIO_AT_LEAST = 0.7;

export interface LoadFigure {
  function: string;
  /** A citizen waits on the function's answer (lib/function-catalog.ts). */
  synchronous: boolean;
  /** Module load CPU time / the SDK floor bundle's, as printed. */
  moduleLoadVsSdkFloor: number;
}

export interface ColdStartTargets {
  rules: string[];
  synchronousLoadVsSdkFloorAtMost: number;
  otherLoadVsSdkFloorAtMost: number;
  ratioAtLeast: number;
  /** Every rule broken, in words; empty when met. */
  failing: string[];
  met: boolean;
}

/** `figures` undefined: module loads were not measured (BENCH_ONLY=pipeline), so the budget is not met. */
export function coldStartTargets(figures: readonly LoadFigure[] | undefined, throughputRatio: number): ColdStartTargets {
  const failing: string[] = [];
  if (!figures) failing.push('module loads not measured (BENCH_ONLY=pipeline)');
  for (const figure of figures ?? []) {
    const limit = figure.synchronous ? SYNCHRONOUS_LOAD_VS_SDK_FLOOR_AT_MOST : OTHER_LOAD_VS_SDK_FLOOR_AT_MOST;
    // Written so that a NaN (a failed measurement) fails too.
    if (!(figure.moduleLoadVsSdkFloor <= limit)) {
      failing.push(`${figure.function}: module load ${figure.moduleLoadVsSdkFloor} x the SDK floor, above ${limit}${figure.synchronous ? ' (synchronous, citizen-facing)' : ''}`);
    }
  }
  if (!(throughputRatio >= THROUGHPUT_RATIO_AT_LEAST)) failing.push(`pipeline/floor throughput ratio ${throughputRatio}, below ${THROUGHPUT_RATIO_AT_LEAST}`);
  const synchronous = (figures ?? []).filter((figure) => figure.synchronous).map((figure) => figure.function);
  return {
    rules: [
      `module load (CPU time) of each synchronous, citizen-facing function (${synchronous.join(', ')}) <= ${SYNCHRONOUS_LOAD_VS_SDK_FLOOR_AT_MOST} x the SDK floor bundle's, both measured in this run`,
      `module load (CPU time) of every other function <= ${OTHER_LOAD_VS_SDK_FLOOR_AT_MOST} x the SDK floor bundle's`,
      `pipeline/storage-floor throughput ratio (median of its pairs) >= ${THROUGHPUT_RATIO_AT_LEAST}`,
    ],
    synchronousLoadVsSdkFloorAtMost: SYNCHRONOUS_LOAD_VS_SDK_FLOOR_AT_MOST,
    otherLoadVsSdkFloorAtMost: OTHER_LOAD_VS_SDK_FLOOR_AT_MOST,
    ratioAtLeast: THROUGHPUT_RATIO_AT_LEAST,
    failing,
    met: failing.length === 0,
  };
}
