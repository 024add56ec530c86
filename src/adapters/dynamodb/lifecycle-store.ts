import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod';
import { lazySchema } from '../../core/lazy-schema.ts';
import { InstantSchema } from '../../core/calendar/london-date.ts';
import type { ScheduleStore, StoredSchedule, SurveyRecord, SurveyStore } from '../../ports-lifecycle.ts';

/**
 * The lifecycle's items in the one table, beside the store in `redress-store.ts`:
 *
 * | item | pk | sk | gsi1pk / gsi1sk |
 * |---|---|---|---|
 * | survey | `SURVEY#<surveyId>` | `SURVEY` | |
 * | survey of a closure | `SURVEY#CASE#<caseRef>#<closedAt>` | `SURVEY` | |
 * | local schedule | `SCHEDULE#<name>` | `SCHEDULE` | `SCHEDULES#PENDING` / `<at>#<name>` while pending |
 */
const SurveyRecordSchema = lazySchema(() => z.object({
  surveyId: z.string().min(1),
  caseRef: z.string().min(1),
  landlordId: z.string().min(1),
  closedAt: InstantSchema,
  createdAt: InstantSchema,
}) satisfies z.ZodType<SurveyRecord>);

const StoredScheduleSchema = lazySchema(() => z.object({
  name: z.string().min(1),
  target: z.enum(['send-survey', 'send-digest']),
  input: z.record(z.string(), z.unknown()),
  at: InstantSchema,
  state: z.enum(['pending', 'fired']),
  firedAt: InstantSchema.optional(),
}) satisfies z.ZodType<StoredSchedule>);

const PENDING = 'SCHEDULES#PENDING';

const isConditionFailure = (error: unknown): boolean =>
  error instanceof ConditionalCheckFailedException || (error instanceof Error && error.name === 'ConditionalCheckFailedException');

/** Surveys and the local scheduler twin's schedules, on DynamoDB (dynalite locally). */
export class DynamoLifecycleStore implements SurveyStore, ScheduleStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async createSurvey(record: SurveyRecord): Promise<{ status: 'created' | 'exists'; survey: SurveyRecord }> {
    // The case's pointer is written first: of two racing retries, one wins it and only its survey is kept.
    if (!(await this.putOnce({ pk: `SURVEY#CASE#${record.caseRef}#${record.closedAt}`, sk: 'SURVEY', surveyId: record.surveyId }))) {
      const pointer = await this.get(`SURVEY#CASE#${record.caseRef}#${record.closedAt}`, 'SURVEY');
      const existing = await this.getSurvey(String(pointer?.surveyId));
      if (existing) return { status: 'exists', survey: existing };
      // The winner stopped between its two writes: finish its survey under its id.
      const survey = { ...record, surveyId: String(pointer?.surveyId) };
      await this.putOnce({ ...survey, pk: `SURVEY#${survey.surveyId}`, sk: 'SURVEY' });
      return { status: 'exists', survey };
    }
    await this.putOnce({ ...record, pk: `SURVEY#${record.surveyId}`, sk: 'SURVEY' });
    return { status: 'created', survey: record };
  }

  async getSurvey(surveyId: string): Promise<SurveyRecord | null> {
    const item = await this.get(`SURVEY#${surveyId}`, 'SURVEY');
    return item ? SurveyRecordSchema.parse(item) : null;
  }

  async putSchedule(schedule: StoredSchedule): Promise<'created' | 'exists'> {
    const item: Record<string, unknown> = { ...schedule, pk: `SCHEDULE#${schedule.name}`, sk: 'SCHEDULE' };
    if (schedule.state === 'pending') Object.assign(item, { gsi1pk: PENDING, gsi1sk: `${schedule.at}#${schedule.name}` });
    return (await this.putOnce(item)) ? 'created' : 'exists';
  }

  async pendingSchedules(): Promise<StoredSchedule[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(new QueryCommand({
        TableName: this.tableName, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :p',
        ExpressionAttributeValues: { ':p': PENDING }, ExclusiveStartKey,
      }));
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items.map((i) => StoredScheduleSchema.parse(i));
  }

  async markFired(name: string, firedAt: string): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.tableName,
      Key: { pk: `SCHEDULE#${name}`, sk: 'SCHEDULE' },
      UpdateExpression: 'SET #state = :fired, firedAt = :at REMOVE gsi1pk, gsi1sk',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':fired': 'fired', ':at': firedAt },
    }));
  }

  async getSchedule(name: string): Promise<StoredSchedule | null> {
    const item = await this.get(`SCHEDULE#${name}`, 'SCHEDULE');
    return item ? StoredScheduleSchema.parse(item) : null;
  }

  private async putOnce(item: Record<string, unknown>): Promise<boolean> {
    try {
      await this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  private async get(pk: string, sk: string): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }));
    return Item;
  }
}
