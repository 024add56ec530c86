// The interfaces the handlers need. Each has one AWS adapter (src/adapters/<service>/) and, where the local
// twin does not speak the service's protocol, a local implementation beside it; test/contract keeps them honest.
import type { CaseActivity, CaseEventRecord, CaseRecord } from './core/case/case-record.ts';
import type { InboundMessageRecord } from './core/intake/message.ts';

/** Fields of a message that change after it is first kept: its outcome, case and triage. */
export type MessageUpdate = Partial<Pick<InboundMessageRecord, 'outcome' | 'duplicateOf' | 'caseRef' | 'triage' | 'flags' | 'notes'>>;

/** Which page of a list: at most `limit` items, after the cursor a previous page gave as `next`. */
export interface PageRequest {
  readonly limit: number;
  readonly after?: string;
}

/** One page of a list, and the cursor of the next page (null on the last). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly next: string | null;
}

/** The lists of cases an officer works through: open complaints, open service requests, actions after closure. */
export type CaseWorkList = 'open-complaints' | 'open-service-requests' | 'actions-after-closure';

/** Every inbound message, kept once. */
export interface MessageLog {
  /**
   * Keeps a message; `exists` when one with the same `messageRef` is already kept (a repeat delivery). Writes nothing
   * and throws `InvalidRecordError` for a record that breaks its schema, `RecordTooLargeError` for one over the limit.
   */
  saveMessage(message: InboundMessageRecord): Promise<'created' | 'exists'>;
  /** Throws `UnreadableRecordError` for a kept message that no longer matches its schema. */
  getMessage(messageRef: string): Promise<InboundMessageRecord | null>;
  updateMessage(messageRef: string, update: MessageUpdate): Promise<void>;
  /**
   * Takes over handling a message still `received` whose holder's lease has run out (a crashed attempt): true for
   * the one attempt that gets it. A message whose lease still runs is being handled: wait, do not handle it twice.
   */
  takeOverMessage(messageRef: string, holder: string, leaseUntil: string, now: string): Promise<boolean>;
  /** Gives the lease back after a failure, so a retry can carry on at once. */
  releaseMessage(messageRef: string, holder: string): Promise<void>;
  /** A landlord's messages, oldest first. */
  listMessages(landlordId: string): Promise<InboundMessageRecord[]>;
  /**
   * A landlord's messages waiting for a person (unreadable, triage unsure, flagged), oldest first, from an index:
   * they leave it when an officer records what they are.
   */
  messagesWaiting(landlordIds: readonly string[], page: PageRequest): Promise<Page<InboundMessageRecord>>;
}

/** Cases and their append-only histories. */
export interface CaseStore {
  /** Opens a case once: a second create for the same reference is a `duplicate` (a retry), not an error. */
  createCase(record: CaseRecord): Promise<'created' | 'duplicate'>;
  getCase(caseRef: string): Promise<CaseRecord | null>;
  /** Changes the head record's mutable fields. */
  updateCase(caseRef: string, update: Partial<Pick<CaseRecord, 'state' | 'nextDueOn' | 'representative' | 'adjustments' | 'resident' | 'restriction'>>): Promise<void>;
  /**
   * Adds a record of activity (a message joined, a letter sent, a run started) to the case's history with the next
   * sequence number; never overwrites one. `afterSeq`, when the caller knows the last number (0 for a case it has
   * just opened), saves looking it up. Complaint events go through `appendEventAt`, from the complaint service.
   */
  appendEvent(caseRef: string, entry: Omit<CaseEventRecord, 'seq' | 'caseRef'> & { event: CaseActivity }, afterSeq?: number): Promise<CaseEventRecord>;
  /**
   * Adds an entry at exactly `seq`: the number after the last event the change was decided on. `conflict` when
   * another change took that number first (optimistic concurrency: decide again on what is there now).
   */
  appendEventAt(caseRef: string, seq: number, entry: Omit<CaseEventRecord, 'seq' | 'caseRef'>): Promise<CaseEventRecord | 'conflict'>;
  /**
   * Adds a record of activity at exactly `seq`, or `conflict` when that number is taken: for a case just opened, whose
   * first record can be written alongside the case itself, and written once however often the opening is retried.
   */
  appendActivityAt(caseRef: string, seq: number, entry: Omit<CaseEventRecord, 'seq' | 'caseRef'> & { event: CaseActivity }): Promise<CaseEventRecord | 'conflict'>;
  events(caseRef: string): Promise<CaseEventRecord[]>;
  /** A landlord's cases, oldest first. */
  listCases(landlordId: string): Promise<CaseRecord[]>;
  /** Cases whose resident wrote from this address or number, oldest first. */
  casesForSender(landlordId: string, sender: string): Promise<CaseRecord[]>;
  /**
   * What a sender has sent one landlord, and their cases, each once and oldest first, for intake, which links a message
   * to a case and weighs the sender's history: under one key, or under each key a message knows them by (a form's
   * address and number), read at once. A case kept under a key of theirs not given here (its resident gave an address
   * and a number, and this is a text from the number) is read from the case, in a second wave.
   */
  senderHistory(landlordId: string, senders: string | readonly string[]): Promise<{ cases: CaseRecord[]; messages: InboundMessageRecord[] }>;
  /**
   * The landlords' cases on one work list, earliest due first (so overdue first; a service request by the day it was
   * opened), from an index: no case's events are read.
   */
  casesToWorkOn(landlordIds: readonly string[], list: CaseWorkList, page: PageRequest): Promise<Page<CaseRecord>>;
  /** One page of a landlord's cases, oldest first, from an index. */
  casesPage(landlordId: string, page: PageRequest): Promise<Page<CaseRecord>>;
}

/** A letter as sent, kept as evidence of what the resident was told. */
export interface LetterRecord {
  readonly letterId: string;
  readonly landlordId: string;
  readonly caseRef: string | null;
  /** The inbound message it answers, if any. */
  readonly inReplyToMessageRef: string | null;
  readonly template: string;
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** `to-post`: no email address; rendered, kept and listed until an officer marks it `posted`. */
  readonly status: 'sending' | 'sent' | 'bounced' | 'to-post' | 'posted';
  readonly claimedAt: string;
  readonly sentAt: string | null;
  /** The mail service's id for it, used to link bounces and replies back. */
  readonly providerMessageId: string | null;
}

/** Letters sent, claimed before sending so a retry never sends twice. */
export interface LetterLog {
  /**
   * Claims a letter id before sending, once: `sent-before` when a retry finds it sent; `in-flight` while another
   * attempt's claim is younger than `leaseMs`. A claim older than that (a crash) is taken over by one attempt.
   */
  claimLetter(letter: LetterRecord, leaseMs: number): Promise<'claimed' | 'sent-before' | 'in-flight'>;
  /** Gives a claim back after the send failed, so a retry sends at once. */
  releaseLetterClaim(letterId: string): Promise<void>;
  markLetterSent(letterId: string, providerMessageId: string, sentAt: string): Promise<void>;
  markLetterBounced(letterId: string): Promise<void>;
  getLetter(letterId: string): Promise<LetterRecord | null>;
  letterByProviderMessageId(providerMessageId: string): Promise<LetterRecord | null>;
  lettersForCase(caseRef: string): Promise<LetterRecord[]>;
  lettersForMessage(messageRef: string): Promise<LetterRecord[]>;
  /** The landlords' letters kept to be posted (`to-post`), oldest first, from an index: they leave it once posted. */
  lettersToPost(landlordIds: readonly string[], page: PageRequest): Promise<Page<LetterRecord>>;
  /**
   * Marks a letter kept to be posted as `posted`, by whom and when: `posted` once, `not-to-post` when it was not
   * waiting to be posted (already posted, sent by email, or no such letter).
   */
  markLetterPosted(letterId: string, postedAt: string, by: string): Promise<'posted' | 'not-to-post'>;
  /**
   * Takes one of `limit` automatic replies allowed to an address in a window (for example one hour), so two
   * auto-responders can never loop. `false` when the allowance is used up.
   */
  takeReplyAllowance(landlordId: string, address: string, windowKey: string, limit: number): Promise<boolean>;
}

/** Raw mail and attachments, kept beside the messages. */
export interface Documents {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<Uint8Array>;
}

/**
 * One letter to send through the mail service by template. The mail service renders `templates/<template>`
 * (SES's Handlebars language) with `templateData`; Redress renders the same files itself for the kept copy.
 */
export interface OutboundMail {
  readonly from: string;
  readonly to: string;
  readonly template: string;
  readonly templateData: Readonly<Record<string, unknown>>;
  /** Always includes `Auto-Submitted: auto-generated` (RFC 3834). */
  readonly headers: readonly { readonly name: string; readonly value: string }[];
}

/** Sends mail (SES). */
export interface Mailer {
  send(mail: OutboundMail): Promise<{ providerMessageId: string }>;
}

/** Starts a complaint's case-handling state machine. */
export interface Workflow {
  /** Starts it once per case: `already-started` for a repeat. */
  startComplaint(input: { caseRef: string; landlordId: string }): Promise<'started' | 'already-started'>;
}

/** Where the time comes from. */
export interface Clock {
  now(): Date;
}

/**
 * Keys Powertools Logger writes itself: a field so named is dropped with a warning (the message of every error logged
 * was, until errors' own were logged as `errorMessage`).
 */
export const RESERVED_LOG_FIELDS: readonly string[] = ['level', 'message', 'sampling_rate', 'service', 'timestamp'];

/**
 * One JSON line per decision (Powertools Logger on Lambda and locally). Fields name cases and messages by reference;
 * never a resident's name, address, contact details or words.
 */
export interface Logger {
  // A field may not be named as one of RESERVED_LOG_FIELDS.
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}
