// SES configuration-set events (bounce, complaint, delivery delay) arrive through an SNS topic.
import { SnsSchema } from '@aws-lambda-powertools/parser/schemas/sns';
import { recordMailEvent, SesMailEvent, type MailEventDeps } from '../../src/intake/mail-events.ts';
import { awsClients, intakeDepsFromEnv } from '../../src/wiring.ts';

export const makeHandler = (deps: MailEventDeps) => async (event: unknown) => {
  const outcomes = [];
  for (const record of SnsSchema.parse(event).Records) {
    outcomes.push(await recordMailEvent(deps, SesMailEvent.parse(JSON.parse(record.Sns.Message))));
  }
  return outcomes;
};

export const handler = process.env.REDRESS_TABLE_NAME
  ? makeHandler(intakeDepsFromEnv(process.env, awsClients()))
  : async () => {
      throw new Error('REDRESS_TABLE_NAME is not set: this handler runs on AWS');
    };
