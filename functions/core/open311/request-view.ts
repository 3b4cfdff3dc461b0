import { maskEmail } from '../citizen-handle.ts';
import { effectiveDueAt } from '../deadlines/due-at.ts';
import type { ComplaintStatus, Message } from '../model.ts';
import { maskPersonalData } from '../pii-masking.ts';
import type { VersionedComplaint } from '../ports/complaint-repository.ts';
import type { Fields } from './document.ts';
import { findService, type Open311Language } from './services.ts';

/**
 * GeoReport v2 knows two states. `closed` is "it has been resolved": answered complaints count,
 * since the counselor's answer is the resolution (a citizen who writes again reopens it).
 */
export function open311Status(status: ComplaintStatus): 'open' | 'closed' {
  return status === 'answered' || status === 'closed' ? 'closed' : 'open';
}

/** Public labels of the lifecycle: never a staff member's name or reason. */
const STATUS_NOTES: Record<ComplaintStatus, Record<Open311Language, string>> = {
  received: { ko: '접수되었습니다.', en: 'Received.' },
  in_progress: { ko: '담당자가 처리하고 있습니다.', en: 'Being handled.' },
  answered: { ko: '답변을 드렸습니다.', en: 'Answered.' },
  closed: { ko: '처리가 끝났습니다.', en: 'Closed.' },
};

const EMAIL_IN_TEXT = /[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}/gu;

/**
 * What the public may read of a citizen's own words: resident registration and phone numbers
 * masked (pii-masking.ts), email addresses masked too. Names cannot be told from free text;
 * the form asks for them separately and they are never shown.
 */
export function publicText(text: string): string {
  return maskPersonalData(text).replace(EMAIL_IN_TEXT, (match) => maskEmail(match));
}

/** w3 date-time, seconds precision, UTC. */
export function w3(instant: string): string {
  return new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/gif': 'gif' };

/** Where our copy of an attachment is served: never the URL the client sent. */
export function publicMediaPath(serviceRequestId: string, index: number, contentType: string): string {
  return `/open311/media/${serviceRequestId}/${index}.${EXTENSIONS[contentType] ?? 'bin'}`;
}

export interface RequestViewOptions {
  language: Open311Language;
  /** scheme://host[/stage] the media URLs are built on. */
  publicBaseUrl: string;
}

/**
 * One `request` of GET Service Requests / GET Service Request, fields in the spec's order.
 * The description is the request's own text (its founding message), masked; the contact
 * details, the handle and anything staff wrote are not part of it. Fields we have no value for
 * are present and empty (null), as in the spec's examples.
 */
export function requestFields(complaint: VersionedComplaint, founding: Message | undefined, options: RequestViewOptions): Fields {
  const report = complaint.report;
  const service = report ? findService(report.serviceCode) : undefined;
  const attachment = founding?.attachments[0];
  return {
    service_request_id: complaint.receiptNo,
    status: open311Status(complaint.status),
    status_notes: STATUS_NOTES[complaint.status][options.language],
    service_name: service ? service.name[options.language] : null,
    service_code: report?.serviceCode ?? null,
    description: founding && founding.redactedAt === undefined ? publicText(founding.text) : null,
    agency_responsible: complaint.agency ?? null,
    service_notice: null,
    requested_datetime: w3(complaint.createdAt),
    updated_datetime: w3(complaint.updatedAt),
    expected_datetime: w3(effectiveDueAt(complaint)),
    address: report?.address !== undefined ? publicText(report.address) : null,
    address_id: null,
    zipcode: null,
    lat: report?.lat ?? null,
    long: report?.long ?? null,
    media_url: attachment ? `${options.publicBaseUrl}${publicMediaPath(complaint.receiptNo, 0, attachment.contentType)}` : null,
  };
}
