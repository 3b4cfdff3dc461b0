import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../../core/ports/runtime.ts';

/** One Powertools logger per container; JSON lines to CloudWatch (or stdout locally). */
export function powertoolsLog(serviceName: string, logger = new Logger({ serviceName })): Log & { logger: Logger } {
  return {
    logger,
    debug: (message, attributes) => logger.debug(message, attributes ?? {}),
    info: (message, attributes) => logger.info(message, attributes ?? {}),
    warn: (message, attributes) => logger.warn(message, attributes ?? {}),
    error: (message, attributes) => logger.error(message, attributes ?? {}),
  };
}
