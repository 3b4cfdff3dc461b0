import { InvalidHandleError, normalizePhone } from '../citizen-handle.ts';
import { complaintIdFor, messageIdFor } from '../ids.ts';
import { ingestMessage, type IngestDeps } from '../ingest-message.ts';
import type { VoiceComplaintPort } from './contact-start.ts';

/**
 * The contact-start Lambda's complaint port on the real intake use case. A call is ingested as
 * an empty-text voice message whose provider id is the contact key (InitialContactId), so every
 * retry of the flow Lambda, and every transferred leg, lands on the same claim and complaint.
 * A caller with an open voice complaint joins it, as a second SMS from the same number would.
 */
export function createVoiceComplaints(deps: IngestDeps): VoiceComplaintPort {
  return {
    async attachOrCreate(inbound) {
      const outcome = await ingestMessage(deps, inbound);
      // The main IVR calls again once the caller has chosen a language: a call founded as `und` takes it.
      if (outcome.status === 'duplicate' && inbound.languageHint) await deps.repository.setLanguageIfUnknown(outcome.complaintId, inbound.languageHint);
      return { complaintId: outcome.complaintId, receiptNo: outcome.receiptNo };
    },

    async recordSmsNoticeConsent(complaintId, consent) {
      await deps.repository.recordSmsNoticeConsent(complaintId, consent);
    },

    async countOpenComplaints(inbound, context) {
      if (context.anonymous || inbound.citizenHandleKind !== 'phone') return 0;
      let normalized: string;
      try {
        normalized = normalizePhone(inbound.citizenHandle);
      } catch (error) {
        // A SIP URI or carrier placeholder: no history can be filed under it.
        if (error instanceof InvalidHandleError) return 0;
        throw error;
      }
      // The complaint this very call founds (if it founds one) is not "another" open complaint;
      // its id is known before it exists, so the count is the same on every retry.
      const ownComplaint = complaintIdFor(messageIdFor(inbound));
      return deps.repository.countOpenComplaintsByCitizen(deps.pii.hash(normalized), { excludeComplaintId: ownComplaint });
    },
  };
}
