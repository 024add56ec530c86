import { SendEmailCommand, type SESv2Client } from '@aws-sdk/client-sesv2';
import type { Mailer, OutboundMail } from '../../ports.ts';
import { sesTemplateData } from './template-data.ts';

/**
 * SES template names are unique per account and region, so each stage's carry its configuration set's name:
 * letter `stage-1-response` is SES template `redress-prod-stage-1-response` in stage `prod` (configuration set
 * `redress-prod`), and `redress-stage-1-response` where no configuration set is used (the local twin).
 */
export const sesTemplateName = (letter: string, configurationSet = 'redress'): string => `${configurationSet}-${letter}`;

/**
 * Sends letters through SES v2 by template, with our headers (RFC 3834 `Auto-Submitted`). Locally the same class
 * talks to aws-ses-v2-local, which renders the same templates.
 */
export class SesMailer implements Mailer {
  constructor(private readonly client: SESv2Client, private readonly configurationSet?: string) {}

  async send(mail: OutboundMail): Promise<{ providerMessageId: string }> {
    const result = await this.client.send(
      new SendEmailCommand({
        FromEmailAddress: mail.from,
        Destination: { ToAddresses: [mail.to] },
        ConfigurationSetName: this.configurationSet,
        Content: {
          Template: {
            TemplateName: sesTemplateName(mail.template, this.configurationSet),
            TemplateData: JSON.stringify(sesTemplateData(mail.template, mail.templateData)),
            Headers: mail.headers.map((h) => ({ Name: h.name, Value: h.value })),
          },
        },
      }),
    );
    if (!result.MessageId) throw new Error('SES accepted the letter but gave no message id');
    return { providerMessageId: result.MessageId };
  }
}
