import { sha256Hex } from '../core/intake/identity.ts';
import type { FormDetails } from '../core/intake/message.ts';
import type { ContactFormSubmission } from '../http/contact-form/form-schema.ts';
import { receiveMessage, type IntakeDeps, type IntakeResult } from './receive-message.ts';


/** Hands a valid web form to intake. The form's own token makes a double-submitted form one message. */
export async function receiveWebForm(deps: IntakeDeps, landlordId: string, submission: ContactFormSubmission, receivedAt: Date): Promise<IntakeResult> {
  const form: FormDetails = {
    wants: submission.wants,
    whatHappened: submission.whatHappened,
    outcomeWanted: submission.outcomeWanted,
    name: submission.name,
    email: submission.email,
    phone: submission.phone,
    addressOrTenancyReference: submission.addressOrTenancyReference,
    representative: submission.representative,
    adjustments: submission.adjustments,
  };
  const body = submission.outcomeWanted ? `${submission.whatHappened}\n\nWhat I would like you to do: ${submission.outcomeWanted}` : submission.whatHappened;
  const policy = deps.landlords.get(landlordId);
  return receiveMessage(deps, {
    landlordId,
    channel: 'web_form',
    receivedAt: receivedAt.toISOString(),
    from: submission.email ?? submission.phone,
    fromName: submission.name,
    to: policy?.contact.webForm ?? `/contact/${landlordId}`,
    // No subject: the resident's words are the body, and the choice they made is in `form.wants`.
    subject: null,
    body,
    externalId: `form:${submission.submissionToken}`,
    contentSha256: sha256Hex(JSON.stringify(form)),
    rawSha256: null,
    rawDocumentKey: null,
    attachments: [],
    repliesTo: [],
    form,
    deliveryId: `form:${submission.submissionToken}:${receivedAt.toISOString()}`,
  });
}
