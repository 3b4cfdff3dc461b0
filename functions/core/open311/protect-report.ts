import type { ServiceReportInput } from '../../../schemas/inbound-message.ts';
import { InvalidHandleError, maskEmail, normalizeEmail } from '../citizen-handle.ts';
import type { ProtectedValue, ServiceReport } from '../model.ts';
import type { PiiProtector } from '../ports/pii.ts';
import { findService } from './services.ts';

/** Family name first, as Korean names are written; NFKC and single spaces so one person is one hash. */
export function normalizeName(firstName: string | undefined, lastName: string | undefined): string | null {
  const name = [lastName, firstName]
    .map((part) => (part ?? '').normalize('NFKC').replace(/\s+/gu, ' ').trim())
    .filter((part) => part !== '')
    .join(' ');
  return name === '' ? null : name;
}

/** The first character only: the length of a name is not shown either. */
export function maskName(normalized: string): string {
  return `${[...normalized][0] ?? ''}**`;
}

function protect(pii: PiiProtector, normalized: string, masked: string): ProtectedValue {
  return { hash: pii.hash(normalized), sealed: pii.seal(normalized), masked };
}

/**
 * What a founding Open311 request sets on its complaint: the knowledge-base category of its
 * service, and the report with every contact detail protected like a citizen handle. The
 * edge has already refused an address that is not one; one that still fails here is dropped
 * rather than kept in clear.
 */
export function serviceReportFields(pii: PiiProtector, input: ServiceReportInput, messageId: string): { category?: string; report: ServiceReport } {
  const contact: ServiceReport['contact'] = {};
  if (input.contact.email !== undefined) {
    try {
      const email = normalizeEmail(input.contact.email);
      contact.email = protect(pii, email, maskEmail(email));
    } catch (error) {
      if (!(error instanceof InvalidHandleError)) throw error;
    }
  }
  const name = normalizeName(input.contact.firstName, input.contact.lastName);
  if (name !== null) contact.name = protect(pii, name, maskName(name));
  const service = findService(input.serviceCode);
  return {
    ...(service ? { category: service.knowledge.category } : {}),
    report: {
      serviceCode: input.serviceCode,
      ...(input.lat !== undefined ? { lat: input.lat } : {}),
      ...(input.long !== undefined ? { long: input.long } : {}),
      ...(input.address !== undefined ? { address: input.address } : {}),
      attributes: input.attributes,
      contact,
      client: input.client,
      messageId,
    },
  };
}
