/**
 * The Housing Ombudsman's Complaint Handling Code (2024): the provisions Redress enforces or checks,
 * with the timescales the Code sets. A landlord may be stricter than these, never looser.
 */

/** Provisions of the Code that Redress names in findings and refusals, with a short statement of each. */
export const PROVISIONS = {
  '2.3': 'Landlords must accept complaints referred to them within 12 months of the issue occurring or the resident becoming aware of it.',
  '5.2': "It is not appropriate to have extra named stages (such as 'stage 0' or 'informal complaint').",
  '5.3': 'A process with more than two stages is not acceptable under any circumstances.',
  '5.6': 'When a complaint is logged at stage 1 or escalated to stage 2, the landlord must set out the complaint definition.',
  '6.2': 'Complaints must be acknowledged, defined and logged at stage 1 within five working days of the complaint being received.',
  '6.3': 'Landlords must issue a full response to stage 1 complaints within 10 working days of the complaint being acknowledged.',
  '6.4': 'Any stage 1 extension must be no more than 10 working days without good reason, clearly explained to the resident.',
  '6.5': 'When a resident is told of a stage 1 extension, they must be given the contact details of the Ombudsman.',
  '6.10': 'If the complaint is not resolved to the resident\'s satisfaction at stage 1, it must be progressed to stage 2.',
  '6.11': 'Requests for stage 2 must be acknowledged, defined and logged within five working days of the escalation request being received.',
  '6.13': 'The person considering the complaint at stage 2 must not be the same person that considered it at stage 1.',
  '6.14': 'Landlords must issue a final response to stage 2 within 20 working days of the complaint being acknowledged.',
  '6.15': 'Any stage 2 extension must be no more than 20 working days without good reason, clearly explained to the resident.',
  '6.16': 'When a resident is told of a stage 2 extension, they must be given the contact details of the Ombudsman.',
} as const;

/** A provision of the Code that Redress cites. */
export type Provision = keyof typeof PROVISIONS;

/** The Code's own timescales, in working days unless the name says otherwise. */
export const CODE_TIMESCALES = {
  /** 6.2: acknowledge and define a stage 1 complaint, from receipt. */
  stage1AcknowledgeWithinWorkingDays: 5,
  /** 6.3: stage 1 response, from acknowledgement. */
  stage1RespondWithinWorkingDays: 10,
  /** 6.4: the longest stage 1 extension without good reason. */
  stage1MaxExtensionWorkingDays: 10,
  /** 6.11: acknowledge and define a stage 2 request, from the request. */
  stage2AcknowledgeWithinWorkingDays: 5,
  /** 6.14: stage 2 response, from acknowledgement. */
  stage2RespondWithinWorkingDays: 20,
  /** 6.15: the longest stage 2 extension without good reason. */
  stage2MaxExtensionWorkingDays: 20,
  /** 2.3: complaints must be accepted within this many months of the issue. */
  acceptComplaintsWithinMonths: 12,
  /** 5.3: the number of stages, no more. */
  stages: 2,
} as const;

/** The Housing Ombudsman Service's published contact details. */
export const HOUSING_OMBUDSMAN = {
  scheme: 'housing-ombudsman',
  name: 'Housing Ombudsman Service',
  website: 'https://www.housing-ombudsman.org.uk',
  onlineForm: 'https://www.housing-ombudsman.org.uk/residents/make-a-complaint/',
  telephone: '0300 111 3000',
  email: 'info@housing-ombudsman.org.uk',
  post: 'Housing Ombudsman Service, PO Box 152, Liverpool L33 7WQ',
} as const;
