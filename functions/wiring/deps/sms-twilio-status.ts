import type { DeliveryReportDeps } from '../../core/delivery-reports.ts';
import type { Log } from '../../core/ports/runtime.ts';

export interface TwilioStatusDeps {
  log: Log;
  /** scheme://host[:port] Twilio was given; the request path (with any stage) is appended. */
  publicBaseUrl: string;
  twilioCredentials(): Promise<{ accountSid: string; authToken: string }>;
  reports: DeliveryReportDeps;
}
