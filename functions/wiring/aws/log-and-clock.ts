import { powertoolsLog } from '../../adapters/logging/powertools-log.ts';
import { systemClock } from '../../core/ports/runtime.ts';

/** Per-container log and clock of a Lambda; no AWS client behind them. */
export const clock = systemClock;
export const log = powertoolsLog(process.env.POWERTOOLS_SERVICE_NAME ?? 'citizen-contact-gateway');
