/**
 * Builds a value once per container on first use. A failed build is not cached, so a
 * transient error (a secret not yet readable) does not poison the container.
 */
export function lazy<T>(build: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= build().catch((error: unknown) => {
      pending = null;
      throw error;
    });
    return pending;
  };
}

/** Resolves to the fallback when the work takes longer than the budget (the work goes on). */
export async function withinBudget<T>(work: Promise<T>, budgetMs: number, fallback: () => T): Promise<{ value: T; timedOut: boolean }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<{ value: T; timedOut: boolean }>((resolve) => {
    timer = setTimeout(() => resolve({ value: fallback(), timedOut: true }), budgetMs);
  });
  try {
    return await Promise.race([work.then((value) => ({ value, timedOut: false })), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
