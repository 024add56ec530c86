// SES configuration-set events (bounce, complaint, delivery delay, rendering failure) arrive through an SNS topic.
import { SnsNotificationEvent } from '../../src/adapters/events/aws-events.ts';
import { recordMailEvent, SesMailEvent, type MailEventDeps } from '../../src/intake/mail-events.ts';
import { mailEventDepsFromEnv } from '../../src/wiring.ts';

export const makeHandler = (deps: MailEventDeps) => async (event: unknown) => {
  const outcomes = [];
  for (const record of SnsNotificationEvent.parse(event).Records) {
    outcomes.push(await recordMailEvent(deps, SesMailEvent.parse(JSON.parse(record.Sns.Message))));
  }
  return outcomes;
};

export const handler = process.env.REDRESS_TABLE_NAME
  ? makeHandler(mailEventDepsFromEnv())
  : async () => {
      throw new Error('REDRESS_TABLE_NAME is not set: this handler runs on AWS');
    };
