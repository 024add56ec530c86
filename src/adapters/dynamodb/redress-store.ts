import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  ScanCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { lazySchema } from '../../core/lazy-schema.ts';
import { CaseEventRecord, CaseRecord, isComplaintEvent, type CaseActivity } from '../../core/case/case-record.ts';
import { InboundMessageRecord } from '../../core/intake/message.ts';
import { senderKey } from '../../core/intake/identity.ts';
import type { CaseStore, CaseWorkList, LetterLog, LetterRecord, Logger, MessageLog, MessageUpdate, Page, PageRequest } from '../../ports.ts';
import { powertoolsLogger } from '../logging/powertools-logger.ts';

/** A case that should exist does not. */
export class CaseNotFoundError extends Error {
  override readonly name = 'CaseNotFoundError';
  constructor(readonly caseRef: string, options?: ErrorOptions) {
    super(`no case ${caseRef}`, options);
  }
}

/** A message that should exist does not. */
export class MessageNotFoundError extends Error {
  override readonly name = 'MessageNotFoundError';
  constructor(readonly messageRef: string, options?: ErrorOptions) {
    super(`no message ${messageRef}`, options);
  }
}

const LetterRecordSchema = lazySchema(() => z.object({
  letterId: z.string(),
  landlordId: z.string(),
  caseRef: z.string().nullable(),
  inReplyToMessageRef: z.string().nullable(),
  template: z.string(),
  from: z.string(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string(),
  status: z.enum(['sending', 'sent', 'bounced', 'to-post', 'posted']),
  claimedAt: z.string(),
  sentAt: z.string().nullable(),
  providerMessageId: z.string().nullable(),
}) satisfies z.ZodType<LetterRecord>);

/** A record failed its schema before it was written: it would have broken every later read of its list. */
export class InvalidRecordError extends Error {
  override readonly name = 'InvalidRecordError';
  constructor(readonly key: string, readonly problems: readonly string[], options?: ErrorOptions) {
    super(`${key} was not written: ${problems.join('; ')}`, options);
  }
}

/** A record is over DynamoDB's 400 KB item limit. */
export class RecordTooLargeError extends Error {
  override readonly name = 'RecordTooLargeError';
  constructor(readonly key: string, options?: ErrorOptions) {
    super(`${key} is over the 400 KB item limit`, options);
  }
}

/** A record already in the store no longer matches its schema (written before the schema checked it). */
export class UnreadableRecordError extends Error {
  override readonly name = 'UnreadableRecordError';
  constructor(readonly key: string, readonly problems: readonly string[], options?: ErrorOptions) {
    super(`${key} cannot be read: ${problems.join('; ')}`, options);
  }
}

/** The field paths and codes of a schema failure: never the values, which may be a resident's words. */
const problemsOf = (error: z.ZodError): string[] => error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(record)'}: ${i.code}`);

/** The index sort key of a pointer to a case kept under its resident's other key (an address and a number both given). */
const ALSO_SENDER = 'ALSO#';
/**
 * The most cases a sender's history reads through pointers, the latest opened: a number given on many forms with
 * other addresses (a household's, a support worker's) would otherwise cost a read per case on every text from it.
 */
const MAX_POINTED_CASES = 10;

// DynamoDB's key limits: a partition key value of at most 2048 bytes, a sort key of at most 1024.
const MAX_PARTITION_KEY_BYTES = 2048;
const keyTooLong = (pk: string) => Buffer.byteLength(pk, 'utf8') > MAX_PARTITION_KEY_BYTES;

const isItemTooLarge = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ValidationException' && /item size/i.test(error.message);

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error instanceof Error && error.name === 'ConditionalCheckFailedException');

/** A lease given back: earlier than any clock, so the next attempt may take it at once. */
const RELEASED = '1970-01-01T00:00:00.000Z';

const seqKey = (seq: number) => `EVENT#${String(seq).padStart(6, '0')}`;

// Sorts after every calendar date, so cases with nothing due (a service request) come after those with a date.
const NOTHING_DUE = '~';

/** Which of the work lists a case head belongs in, if any: open cases by kind, closed ones with something still due. */
function caseWorkList(record: Pick<CaseRecord, 'kind' | 'state' | 'nextDueOn'>): CaseWorkList | null {
  if (record.state === 'open') return record.kind === 'complaint' ? 'open-complaints' : 'open-service-requests';
  return record.nextDueOn ? 'actions-after-closure' : null;
}

/** The work index's keys for a case head (`table.ts`). */
export function caseWorkKeys(record: Pick<CaseRecord, 'caseRef' | 'landlordId' | 'kind' | 'state' | 'nextDueOn' | 'openedAt'>): { gsi3pk: string; gsi3sk: string } | null {
  const list = caseWorkList(record);
  return list ? { gsi3pk: `WORK#${record.landlordId}#${list}`, gsi3sk: `${record.nextDueOn ?? NOTHING_DUE}#${record.openedAt}#${record.caseRef}` } : null;
}

/** The work index's keys for a letter kept to be posted: only those still `to-post` are in it. */
export function letterWorkKeys(letter: Pick<LetterRecord, 'landlordId' | 'status' | 'claimedAt' | 'letterId'>): { gsi3pk: string; gsi3sk: string } | null {
  return letter.status === 'to-post' ? { gsi3pk: `POST#${letter.landlordId}`, gsi3sk: `${letter.claimedAt}#${letter.letterId}` } : null;
}

/**
 * Whether a message waits for a person: mail that could not be read, triage that was unsure or saw dissatisfaction
 * under another label (`needsReview`), or anything flagged, until an officer records what it is. Repeats, machine
 * mail, spam and viruses never wait.
 */
export function waitsForPerson(message: Pick<InboundMessageRecord, 'outcome' | 'triage' | 'flags'>): boolean {
  if (['duplicate', 'automatic', 'spam', 'virus', 'too-large'].includes(message.outcome)) return false;
  return message.outcome === 'unreadable' || message.triage?.needsReview === true || message.flags.length > 0;
}

/** The work index's keys for a message: only one waiting for a person is in it. */
export function messageWorkKeys(message: InboundMessageRecord): { gsi3pk: string; gsi3sk: string } | null {
  return waitsForPerson(message) ? { gsi3pk: `WAITING#${message.landlordId}`, gsi3sk: `${message.receivedAt}#${message.messageRef}` } : null;
}

/**
 * The store on DynamoDB: messages, cases with their append-only events, letters and reply allowances in one table
 * (keys in `table.ts`). Locally the same class talks to dynalite. Rows are parsed with zod on the way out, since they
 * outlive the code that wrote them.
 */
export class DynamoRedressStore implements MessageLog, CaseStore, LetterLog {
  private readonly doc: DynamoDBDocumentClient;

  /** `logger` hears of rows a list read skips because they no longer match their schema. */
  constructor(client: DynamoDBClient, private readonly tableName: string, private readonly logger: Logger = powertoolsLogger()) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  /**
   * Parses the rows of a list read. A row that no longer matches its schema is reported (its key and the failing
   * fields, never its values) and left out: one bad row must not take the whole list down.
   */
  private readable<T>(items: readonly Record<string, unknown>[], schema: z.ZodType<T>, what: string): T[] {
    return items.map((item) => this.readableOne(item, schema, what)).filter((row): row is T => row !== null);
  }

  /** One row of a list read, or null (reported) when it no longer matches its schema. */
  private readableOne<T>(item: Record<string, unknown>, schema: z.ZodType<T>, what: string): T | null {
    const parsed = schema.safeParse(item);
    if (parsed.success) return parsed.data;
    this.logger.warn('unreadable record skipped', { record: what, pk: String(item.pk).slice(0, 80), sk: String(item.sk).slice(0, 40), problems: problemsOf(parsed.error) });
    return null;
  }

  // ---- messages

  async saveMessage(message: InboundMessageRecord): Promise<'created' | 'exists'> {
    const checked = InboundMessageRecord.safeParse(message);
    if (!checked.success) throw new InvalidRecordError(`message ${message.messageRef}`, problemsOf(checked.error));
    const item: Record<string, unknown> = {
      ...checked.data,
      pk: `MESSAGE#${message.messageRef}`,
      sk: 'MESSAGE',
      gsi2pk: `LANDLORD#${message.landlordId}#MESSAGES`,
      gsi2sk: `${message.receivedAt}#${message.messageRef}`,
      ...messageWorkKeys(message),
    };
    if (message.from) {
      item.gsi1pk = `SENDER#${message.landlordId}#${message.from}`;
      item.gsi1sk = `MESSAGE#${message.receivedAt}#${message.messageRef}`;
    }
    return this.putOnce(item);
  }

  async getMessage(messageRef: string): Promise<InboundMessageRecord | null> {
    const item = await this.get(`MESSAGE#${messageRef}`, 'MESSAGE');
    if (!item) return null;
    const parsed = InboundMessageRecord.safeParse(item);
    if (parsed.success) return parsed.data;
    throw new UnreadableRecordError(`message ${messageRef}`, problemsOf(parsed.error));
  }

  async updateMessage(messageRef: string, update: MessageUpdate): Promise<void> {
    const item = await this.update(`MESSAGE#${messageRef}`, 'MESSAGE', update, () => new MessageNotFoundError(messageRef));
    if (item) await this.keepWorkKeys(item, messageWorkKeys(InboundMessageRecord.parse(item)));
  }

  async messagesWaiting(landlordIds: readonly string[], page: PageRequest): Promise<Page<InboundMessageRecord>> {
    return this.workPage(landlordIds.map((l) => `WAITING#${l}`), page, (i) => this.readableOne(i, InboundMessageRecord, 'message'));
  }

  async takeOverMessage(messageRef: string, holder: string, leaseUntil: string, now: string): Promise<boolean> {
    return this.conditionalSet(`MESSAGE#${messageRef}`, 'MESSAGE', { leaseHolder: holder, leaseUntil },
      '#outcome = :received AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now)', { '#outcome': 'outcome' }, { ':received': 'received', ':now': now });
  }

  async releaseMessage(messageRef: string, holder: string): Promise<void> {
    await this.conditionalSet(`MESSAGE#${messageRef}`, 'MESSAGE', { leaseUntil: RELEASED }, 'leaseHolder = :holder', {}, { ':holder': holder });
  }

  async listMessages(landlordId: string): Promise<InboundMessageRecord[]> {
    const items = await this.query({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': `LANDLORD#${landlordId}#MESSAGES` } });
    return this.readable(items, InboundMessageRecord, 'message');
  }

  // ---- cases

  async createCase(record: CaseRecord): Promise<'created' | 'duplicate'> {
    // Under the resident's key as messages are (senderKey: an address lower-cased, a UK number as +44…), so that their
    // later messages find the case however the address or number was written on it. A resident who gave both an
    // address and a number is found by either: the case is under the address, and a pointer under the number.
    const [sender, ...others] = [...new Set([record.resident.email, record.resident.phone].filter((c): c is string => !!c?.trim()).map(senderKey))];
    const item: Record<string, unknown> = {
      ...record,
      pk: `CASE#${record.caseRef}`,
      sk: 'CASE',
      gsi2pk: `LANDLORD#${record.landlordId}#CASES`,
      gsi2sk: `${record.openedAt}#${record.caseRef}`,
      ...caseWorkKeys(record),
    };
    if (sender) {
      item.gsi1pk = `SENDER#${record.landlordId}#${sender}`;
      item.gsi1sk = `CASE#${record.openedAt}#${record.caseRef}`;
    }
    // The pointers have fixed keys, so a retried create writes the same again; they go with the case, at once.
    const pointers = others.map((other) => this.doc.send(new PutCommand({
      TableName: this.tableName,
      Item: { pk: `CASE#${record.caseRef}`, sk: `SENDER#${other}`, caseRef: record.caseRef, gsi1pk: `SENDER#${record.landlordId}#${other}`, gsi1sk: `${ALSO_SENDER}${record.openedAt}#${record.caseRef}` },
    })));
    const [created] = await Promise.all([this.putOnce(item), ...pointers]);
    return created === 'created' ? 'created' : 'duplicate';
  }

  async getCase(caseRef: string): Promise<CaseRecord | null> {
    const item = await this.get(`CASE#${caseRef}`, 'CASE');
    return item ? CaseRecord.parse(item) : null;
  }

  async updateCase(caseRef: string, update: Parameters<CaseStore['updateCase']>[1]): Promise<void> {
    const item = await this.update(`CASE#${caseRef}`, 'CASE', update, () => new CaseNotFoundError(caseRef));
    if (item) await this.keepWorkKeys(item, caseWorkKeys(CaseRecord.parse(item)));
  }

  async casesToWorkOn(landlordIds: readonly string[], list: CaseWorkList, page: PageRequest): Promise<Page<CaseRecord>> {
    return this.workPage(landlordIds.map((l) => `WORK#${l}#${list}`), page, (i) => this.readableOne(i, CaseRecord, 'case'));
  }

  async casesPage(landlordId: string, page: PageRequest): Promise<Page<CaseRecord>> {
    const items = await this.query({
      IndexName: 'gsi2',
      KeyConditionExpression: page.after === undefined ? 'gsi2pk = :p' : 'gsi2pk = :p AND gsi2sk > :a',
      ExpressionAttributeValues: { ':p': `LANDLORD#${landlordId}#CASES`, ...(page.after === undefined ? {} : { ':a': page.after }) },
      Limit: page.limit + 1,
    }, page.limit + 1);
    return pageOf(items, page.limit, 'gsi2sk', (i) => this.readableOne(i, CaseRecord, 'case'));
  }

  async appendEvent(caseRef: string, entry: Omit<CaseEventRecord, 'seq' | 'caseRef'>, afterSeq?: number): Promise<CaseEventRecord> {
    // A complaint event goes only through the complaint service's `appendEventAt`, at the sequence it decided on.
    if (isComplaintEvent(entry.event)) throw new Error(`a complaint event (${entry.event.type}) must be recorded by the complaint service`);
    if (afterSeq !== undefined) {
      const recorded = await this.putEventAt(caseRef, afterSeq + 1, entry);
      if (recorded !== 'conflict') return recorded;
    }
    // Optimistic: take the next sequence number; a concurrent writer that took it first makes us try the next.
    for (let attempt = 0; attempt < 20; attempt++) {
      const last = await this.query({
        KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
        ExpressionAttributeValues: { ':p': `CASE#${caseRef}`, ':s': 'EVENT#' },
        ScanIndexForward: false,
        Limit: 1,
      }, 1);
      const seq = last[0] ? Number(String(last[0].sk).slice('EVENT#'.length)) + 1 : 1;
      const recorded = await this.putEventAt(caseRef, seq, entry);
      if (recorded !== 'conflict') return recorded;
    }
    throw new Error(`could not append to case ${caseRef}: too many concurrent writers`);
  }

  appendEventAt(caseRef: string, seq: number, entry: Omit<CaseEventRecord, 'seq' | 'caseRef'>): Promise<CaseEventRecord | 'conflict'> {
    return this.putEventAt(caseRef, seq, entry);
  }

  private async putEventAt(caseRef: string, seq: number, entry: Omit<CaseEventRecord, 'seq' | 'caseRef'>): Promise<CaseEventRecord | 'conflict'> {
    const record = CaseEventRecord.parse({ ...entry, caseRef, seq });
    return (await this.putOnce({ ...record, pk: `CASE#${caseRef}`, sk: seqKey(seq) })) === 'created' ? record : 'conflict';
  }

  async appendActivityAt(caseRef: string, seq: number, entry: Omit<CaseEventRecord, 'seq' | 'caseRef'> & { event: CaseActivity }): Promise<CaseEventRecord | 'conflict'> {
    if (isComplaintEvent(entry.event)) throw new Error(`a complaint event (${(entry.event as { type: string }).type}) must be recorded by the complaint service`);
    return this.putEventAt(caseRef, seq, entry);
  }

  async events(caseRef: string): Promise<CaseEventRecord[]> {
    const items = await this.query({
      KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)',
      ExpressionAttributeValues: { ':p': `CASE#${caseRef}`, ':s': 'EVENT#' },
    });
    return items.map((i) => CaseEventRecord.parse(i));
  }

  async listCases(landlordId: string): Promise<CaseRecord[]> {
    const items = await this.query({ IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': `LANDLORD#${landlordId}#CASES` } });
    return this.readable(items, CaseRecord, 'case');
  }

  async casesForSender(landlordId: string, sender: string): Promise<CaseRecord[]> {
    return (await this.senderHistory(landlordId, sender)).cases;
  }

  async senderHistory(landlordId: string, senders: string | readonly string[]): Promise<{ cases: CaseRecord[]; messages: InboundMessageRecord[] }> {
    // Cases and messages share a sender's index partition (`CASE#…` and `MESSAGE#…` sort keys): one query for both,
    // a query per key, at once. A case kept under the resident's other key is there as a pointer (createCase), read
    // from the case itself when none of the keys given found it: a second wave only then.
    const keys = typeof senders === 'string' ? [senders] : [...new Set(senders)];
    const items = (await Promise.all(keys.map((sender) => this.query({
      IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `SENDER#${landlordId}#${sender}` },
    })))).flat();
    const under = (prefix: string) => items.filter((i) => String(i.gsi1sk).startsWith(prefix));
    const found = this.readable(under('CASE#'), CaseRecord, 'case');
    const pointed = [...new Set(under(ALSO_SENDER).map((i) => String(i.caseRef)))].filter((ref) => !found.some((c) => c.caseRef === ref)).slice(-MAX_POINTED_CASES);
    const others = (await Promise.all(pointed.map((ref) => this.getCase(ref)))).filter((c): c is CaseRecord => c !== null);
    const messages = this.readable(under('MESSAGE#'), InboundMessageRecord, 'message');
    if (keys.length === 1 && others.length === 0) return { cases: found, messages };
    return {
      cases: [...found, ...others].sort((a, b) => a.openedAt.localeCompare(b.openedAt)),
      messages: [...new Map(messages.map((m) => [m.messageRef, m])).values()].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
    };
  }

  // ---- letters

  async claimLetter(letter: LetterRecord, leaseMs: number): Promise<'claimed' | 'sent-before' | 'in-flight'> {
    const leaseUntil = new Date(Date.parse(letter.claimedAt) + leaseMs).toISOString();
    const item = { ...letter, leaseUntil, pk: `LETTER#${letter.letterId}`, sk: 'LETTER', ...letterWorkKeys(letter) };
    // The claim and the letter's pointers go at once: the pointers have fixed keys, so a repeat writes nothing new.
    const [claimed] = await Promise.all([this.putOnce(item), this.writeLetterPointers(letter)]);
    if (claimed === 'exists') {
      const existing = await this.get(`LETTER#${letter.letterId}`, 'LETTER');
      if (!existing || existing.status !== 'sending') return 'sent-before';
      // Another attempt holds the claim while its lease runs; once it has lapsed (a crash, or a failure that gave it
      // back), one attempt takes it over and sends again: at least once beats never for a Code letter.
      const heldUntil = typeof existing.leaseUntil === 'string' ? existing.leaseUntil : RELEASED;
      if (heldUntil >= letter.claimedAt) return 'in-flight';
      const taken = await this.conditionalSet(`LETTER#${letter.letterId}`, 'LETTER', { leaseUntil },
        '#status = :sending AND (attribute_not_exists(leaseUntil) OR leaseUntil = :was)', { '#status': 'status' },
        { ':sending': 'sending', ':was': heldUntil });
      return taken ? 'claimed' : 'in-flight';
    }
    return 'claimed';
  }

  async releaseLetterClaim(letterId: string): Promise<void> {
    await this.conditionalSet(`LETTER#${letterId}`, 'LETTER', { leaseUntil: RELEASED }, '#status = :sending', { '#status': 'status' }, { ':sending': 'sending' });
  }

  // The letter's pointers under its case and the message it answers, so lists find it. Keyed by the letter alone, so
  // every attempt writes the same two items; lists order letters by when they were claimed.
  private async writeLetterPointers(letter: LetterRecord): Promise<void> {
    const parents = [letter.caseRef ? `CASE#${letter.caseRef}` : null, letter.inReplyToMessageRef ? `MESSAGE#${letter.inReplyToMessageRef}` : null]
      .filter((pk): pk is string => pk !== null);
    if (parents.length === 0) return;
    // Both pointers in one request: each has a fixed key from the first claim, so writing it again changes nothing.
    let unprocessed: Record<string, unknown>[] | undefined = parents.map((pk) => ({ PutRequest: { Item: { pk, sk: `LETTER#${letter.letterId}`, letterId: letter.letterId } } }));
    for (let attempt = 0; unprocessed && unprocessed.length > 0; attempt++) {
      if (attempt === 5) throw new Error(`the pointers of letter ${letter.letterId} were not written`);
      const { UnprocessedItems } = await this.doc.send(new BatchWriteCommand({ RequestItems: { [this.tableName]: unprocessed as never } }));
      unprocessed = UnprocessedItems?.[this.tableName] as Record<string, unknown>[] | undefined;
    }
  }

  async markLetterSent(letterId: string, providerMessageId: string, sentAt: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `LETTER#${letterId}`, sk: 'LETTER' },
        UpdateExpression: 'SET #status = :sent, providerMessageId = :id, sentAt = :at, gsi1pk = :g, gsi1sk = :l',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':id': providerMessageId, ':at': sentAt, ':g': `PROVIDER#${providerMessageId}`, ':l': 'LETTER' },
      }),
    );
  }

  async markLetterBounced(letterId: string): Promise<void> {
    await this.update(`LETTER#${letterId}`, 'LETTER', { status: 'bounced' }, () => new Error(`no letter ${letterId}`));
  }

  async getLetter(letterId: string): Promise<LetterRecord | null> {
    const item = await this.get(`LETTER#${letterId}`, 'LETTER');
    return item ? LetterRecordSchema.parse(item) : null;
  }

  async letterByProviderMessageId(providerMessageId: string): Promise<LetterRecord | null> {
    const items = await this.query({ IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p', ExpressionAttributeValues: { ':p': `PROVIDER#${providerMessageId}` } }, 1);
    return items[0] ? LetterRecordSchema.parse(items[0]) : null;
  }

  lettersForCase(caseRef: string): Promise<LetterRecord[]> {
    return this.lettersUnder(`CASE#${caseRef}`);
  }

  lettersForMessage(messageRef: string): Promise<LetterRecord[]> {
    return this.lettersUnder(`MESSAGE#${messageRef}`);
  }

  async lettersToPost(landlordIds: readonly string[], page: PageRequest): Promise<Page<LetterRecord>> {
    return this.workPage(landlordIds.map((l) => `POST#${l}`), page, (i) => this.readableOne(i, LetterRecordSchema, 'letter'));
  }

  async markLetterPosted(letterId: string, postedAt: string, by: string): Promise<'posted' | 'not-to-post'> {
    if (keyTooLong(`LETTER#${letterId}`)) return 'not-to-post';
    try {
      // Out of the index in the same write, so a posted letter can never linger on the list.
      await this.doc.send(new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `LETTER#${letterId}`, sk: 'LETTER' },
        UpdateExpression: 'SET #status = :posted, sentAt = :at, postedBy = :by REMOVE gsi3pk, gsi3sk',
        ConditionExpression: 'attribute_exists(pk) AND #status = :toPost',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':posted': 'posted', ':toPost': 'to-post', ':at': postedAt, ':by': by },
      }));
      return 'posted';
    } catch (error) {
      if (isConditionFailure(error)) return 'not-to-post';
      throw error;
    }
  }

  async takeReplyAllowance(landlordId: string, address: string, windowKey: string, limit: number): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `ALLOWANCE#${landlordId}#${address}`, sk: windowKey },
          UpdateExpression: 'ADD replies :one',
          ConditionExpression: 'attribute_not_exists(replies) OR replies < :limit',
          ExpressionAttributeValues: { ':one': 1, ':limit': limit },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  // ---- helpers

  private async lettersUnder(pk: string): Promise<LetterRecord[]> {
    const pointers = await this.query({ KeyConditionExpression: 'pk = :p AND begins_with(sk, :s)', ExpressionAttributeValues: { ':p': pk, ':s': 'LETTER#' } });
    // Rows written by older versions keyed pointers by claim time as well: one letter, however many pointers.
    const ids = [...new Set(pointers.map((p) => String(p.letterId)))];
    const letters = await Promise.all(ids.map((id) => this.getLetter(id)));
    return letters.filter((l): l is LetterRecord => l !== null).sort((a, b) => (a.claimedAt < b.claimedAt ? -1 : a.claimedAt > b.claimedAt ? 1 : 0));
  }

  private async putOnce(item: Record<string, unknown>): Promise<'created' | 'exists'> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return 'created';
    } catch (error) {
      if (isConditionFailure(error)) return 'exists';
      if (isItemTooLarge(error)) throw new RecordTooLargeError(String(item.pk), { cause: error });
      throw error;
    }
  }

  // Sets fields only when the condition holds: false when it does not (or the item is missing).
  private async conditionalSet(
    pk: string, sk: string, fields: Record<string, unknown>, condition: string,
    names: Record<string, string>, values: Record<string, unknown>,
  ): Promise<boolean> {
    const entries = Object.entries(fields);
    try {
      await this.doc.send(new UpdateCommand({
        TableName: this.tableName,
        Key: { pk, sk },
        UpdateExpression: `SET ${entries.map((_, i) => `#s${i} = :s${i}`).join(', ')}`,
        ConditionExpression: `attribute_exists(pk) AND ${condition}`,
        ExpressionAttributeNames: { ...names, ...Object.fromEntries(entries.map(([k], i) => [`#s${i}`, k])) },
        ExpressionAttributeValues: { ...values, ...Object.fromEntries(entries.map(([, v], i) => [`:s${i}`, v])) },
      }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    // No item can have a key longer than DynamoDB allows: a reference that long names nothing.
    if (keyTooLong(pk)) return undefined;
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }));
    return Item;
  }

  // One page of the work index over several partitions (landlords), merged in the index's order. Every partition's
  // sort keys share one format, so one cursor (the last sort key shown) resumes them all. `limit + 1` are read so the
  // page knows whether there is another.
  private async workPage<T>(partitions: readonly string[], page: PageRequest, parse: (item: Record<string, unknown>) => T | null): Promise<Page<T>> {
    const read = await Promise.all(partitions.map((partition) => this.query({
      IndexName: 'gsi3',
      KeyConditionExpression: page.after === undefined ? 'gsi3pk = :p' : 'gsi3pk = :p AND gsi3sk > :a',
      ExpressionAttributeValues: { ':p': partition, ...(page.after === undefined ? {} : { ':a': page.after }) },
      Limit: page.limit + 1,
    }, page.limit + 1)));
    const merged = read.flat().sort((a, b) => (String(a.gsi3sk) < String(b.gsi3sk) ? -1 : String(a.gsi3sk) > String(b.gsi3sk) ? 1 : 0));
    return pageOf(merged, page.limit, 'gsi3sk', parse);
  }

  /**
   * Puts every case, message and letter with something to do into the work index, and takes out those with nothing: for rows
   * written before the index existed (once, after it is added). Reads the whole table; returns how many rows changed.
   */
  async reindexWork(): Promise<number> {
    let changed = 0;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new ScanCommand({
        TableName: this.tableName, ExclusiveStartKey,
        FilterExpression: 'sk = :case OR sk = :message OR sk = :letter', ExpressionAttributeValues: { ':case': 'CASE', ':message': 'MESSAGE', ':letter': 'LETTER' },
      }));
      for (const item of page.Items ?? []) {
        const keys = item.sk === 'CASE' ? caseWorkKeys(CaseRecord.parse(item))
          : item.sk === 'LETTER' ? letterWorkKeys(LetterRecordSchema.parse(item))
          : messageWorkKeys(InboundMessageRecord.parse(item));
        if (await this.keepWorkKeys(item, keys)) changed++;
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return changed;
  }

  // Puts an item into the work index, moves it, or takes it out, when what is due or waiting changed.
  private async keepWorkKeys(item: Record<string, unknown>, keys: { gsi3pk: string; gsi3sk: string } | null): Promise<boolean> {
    if (keys ? item.gsi3pk === keys.gsi3pk && item.gsi3sk === keys.gsi3sk : item.gsi3pk === undefined) return false;
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: item.pk, sk: item.sk },
        ...(keys
          ? { UpdateExpression: 'SET gsi3pk = :p, gsi3sk = :s', ExpressionAttributeValues: { ':p': keys.gsi3pk, ':s': keys.gsi3sk } }
          : { UpdateExpression: 'REMOVE gsi3pk, gsi3sk' }),
      }),
    );
    return true;
  }

  private async update(pk: string, sk: string, fields: Record<string, unknown>, notFound: () => Error): Promise<Record<string, unknown> | undefined> {
    const entries = Object.entries(fields).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return undefined;
    if (keyTooLong(pk)) throw notFound();
    try {
      const { Attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk, sk },
          UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: Object.fromEntries(entries.map(([k], i) => [`#f${i}`, k])),
          ExpressionAttributeValues: Object.fromEntries(entries.map(([, v], i) => [`:v${i}`, v])),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes;
    } catch (error) {
      if (isConditionFailure(error)) throw notFound();
      throw error;
    }
  }

  private async query(input: Omit<QueryCommandInput, 'TableName'>, max = Infinity): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    const partition = input.ExpressionAttributeValues?.[':p'];
    if (typeof partition === 'string' && keyTooLong(partition)) return items;
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({ ...input, TableName: this.tableName, ExclusiveStartKey }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey && items.length < max);
    return items.slice(0, max);
  }
}

// A page from `limit + 1` items: the extra one only says there is a next page, which starts after the last shown.
// A page of rows: a row that cannot be read is left out (and reported by `parse`), never fatal to the page.
// The same row is never shown twice, even where an index lists it twice (seen on dynalite after a SIGKILL).
function pageOf<T>(items: Record<string, unknown>[], limit: number, sortKey: string, parse: (item: Record<string, unknown>) => T | null): Page<T> {
  const seen = new Set<string>();
  const unique = items.filter((item) => {
    const key = `${String(item.pk)}\u0000${String(item.sk)}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
  const shown = unique.slice(0, limit);
  const last = shown.at(-1);
  return { items: shown.map(parse).filter((row): row is T => row !== null), next: unique.length > limit && last ? String(last[sortKey]) : null };
}
