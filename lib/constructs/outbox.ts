import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { SendingScope } from '../access.ts';
import { identityArnsFor } from '../access.ts';
import type { LetterTemplateSource } from '../letter-templates.ts';

/** Properties of the outbox. */
export interface OutboxProps {
  /** Name of the configuration set (one per stage). */
  readonly configurationSetName: string;
  /** The addresses letters are sent from: each landlord's complaints address. */
  readonly senders: readonly string[];
  /**
   * Domains to create SES identities for (Easy DKIM, 2048-bit), with the configuration set as their default.
   * Leave empty when the domains are verified outside this stack (an identity can exist once per account and region).
   * @default none
   */
  readonly identityDomains?: readonly string[];
  /** The letter templates to deploy, each under its `sesName` (`<configuration set>-<letter>`). */
  readonly templates: readonly LetterTemplateSource[];
  /** Key for the event topic (residents' addresses travel in bounce and spam-complaint events). */
  readonly topicKey: kms.IKey;
}

/**
 * The SES events that come back to the case: bounces, spam complaints, delivery delays, and rendering failures (SES
 * accepts a templated letter, gives a message id, and only then finds a variable missing and drops it).
 */
export const MAIL_EVENTS = [ses.EmailSendingEvent.BOUNCE, ses.EmailSendingEvent.COMPLAINT, ses.EmailSendingEvent.DELIVERY_DELAY, ses.EmailSendingEvent.RENDERING_FAILURE];

/**
 * What Redress sends through: a configuration set whose bounce, spam-complaint, delivery-delay and rendering-failure
 * events go to an encrypted SNS topic (for mail-events to link to the case), the landlords' domain identities when asked for, and the
 * letter templates.
 */
export class Outbox extends Construct {
  readonly configurationSet: ses.ConfigurationSet;
  readonly events: sns.Topic;
  readonly identities: ses.EmailIdentity[] = [];
  readonly templates: ses.CfnTemplate[] = [];
  readonly sendingScope: SendingScope;

  constructor(scope: Construct, id: string, props: OutboxProps) {
    super(scope, id);
    const stack = Stack.of(this);
    this.configurationSet = new ses.ConfigurationSet(this, 'ConfigurationSet', {
      configurationSetName: props.configurationSetName,
      tlsPolicy: ses.ConfigurationSetTlsPolicy.REQUIRE,
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: ses.SuppressionReasons.BOUNCES_AND_COMPLAINTS,
      maxDeliveryDuration: Duration.hours(12),
    });

    this.events = new sns.Topic(this, 'Events', {
      displayName: 'Redress mail events (bounces, spam complaints, delivery delays, rendering failures)',
      masterKey: props.topicKey,
      enforceSSL: true,
    });
    this.events.applyRemovalPolicy(RemovalPolicy.DESTROY);
    props.topicKey.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'SesPublishesMailEvents',
      principals: [new iam.ServicePrincipal('ses.amazonaws.com')],
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: ['*'],
      conditions: {
        StringEquals: { 'aws:SourceAccount': stack.account },
        ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSetName }) },
      },
    }));
    this.configurationSet.addEventDestination('ToCase', {
      destination: ses.EventDestination.snsTopic(this.events),
      events: MAIL_EVENTS,
    });

    for (const domain of [...new Set(props.identityDomains ?? [])].sort()) {
      this.identities.push(new ses.EmailIdentity(this, `Identity-${domain}`, {
        identity: ses.Identity.domain(domain),
        configurationSet: this.configurationSet,
        dkimSigning: true,
        dkimIdentity: ses.DkimIdentity.easyDkim(ses.EasyDkimSigningKeyLength.RSA_2048_BIT),
      }));
    }

    for (const template of props.templates) {
      this.templates.push(new ses.CfnTemplate(this, `Template-${template.name}`, {
        template: {
          templateName: template.sesName,
          subjectPart: template.subject,
          ...(template.html !== undefined ? { htmlPart: template.html } : {}),
          ...(template.text !== undefined ? { textPart: template.text } : {}),
        },
      }));
    }

    this.sendingScope = {
      identityArns: identityArnsFor(stack, props.senders),
      configurationSetArn: stack.formatArn({ service: 'ses', resource: 'configuration-set', resourceName: props.configurationSetName }),
      templateArns: props.templates.map((t) => stack.formatArn({ service: 'ses', resource: 'template', resourceName: t.sesName })),
    };
  }
}
