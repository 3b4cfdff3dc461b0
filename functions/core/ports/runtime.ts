export interface Clock {
  now(): Date;
}

/** Structured log sink; implementations must never receive clear personal data. */
export interface Log {
  debug(message: string, attributes?: Record<string, unknown>): void;
  info(message: string, attributes?: Record<string, unknown>): void;
  warn(message: string, attributes?: Record<string, unknown>): void;
  error(message: string, attributes?: Record<string, unknown>): void;
}

export const systemClock: Clock = { now: () => new Date() };
