import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { deployableLandlords, PolicyBreaksCodeError } from '../../lib/landlord-config.ts';
import { RedressStack } from '../../lib/redress-stack.ts';
import { shippedLandlordPolicies } from '../../src/config/files.ts';

const policies = shippedLandlordPolicies();
const env = { account: '111111111111', region: 'eu-west-2' };

function synthesise(): Template {
  const app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = new RedressStack(app, 'Redress-test', { landlords: deployableLandlords(policies, ['code-defaults']), env });
  return Template.fromStack(stack);
}

describe('the Redress stack', () => {
  const template = synthesise();

  it('keeps cases in a table encrypted with its own rotating key, with point-in-time recovery', () => {
    expect(() => template.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }, { AttributeName: 'sk', KeyType: 'RANGE' }],
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: Match.anyValue() },
      DeletionProtectionEnabled: true,
    })).not.toThrow();
    expect(() => template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true })).not.toThrow();
  });

  it('retains the case records when the stack is deleted: they are evidence for the Ombudsman', () => {
    expect(() => template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' })).not.toThrow();
    expect(() => template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain' })).not.toThrow();
  });

  it('passes the cdk-nag AWS Solutions checks, which do catch an unencrypted, unlogged bucket', () => {
    const app = new App();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    const careless = new Stack(app, 'Careless', { env });
    new s3.Bucket(careless, 'Bucket');

    expect(() => Template.fromStack(careless)).toThrow(/AwsSolutions-S1/);
    expect(template.findResources('AWS::DynamoDB::Table')).not.toEqual({});
  });
});

describe('landlords a stage deploys', () => {
  it('synth refuses a profile with Code findings, naming the provisions', () => {
    expect(() => deployableLandlords(policies, ['code-defaults', 'dennetts-coop'])).toThrow(PolicyBreaksCodeError);
    expect(() => deployableLandlords(policies, ['dennetts-coop'])).toThrow(/2\.3, 5\.2, 6\.5, 6\.16/);
  });

  it('accepts profiles that meet the Code, such as the managing agent\'s procedures A and B', () => {
    expect(deployableLandlords(policies, ['chs-coop-procedure-a', 'chs-coop-procedure-b']).map((p) => p.landlordId))
      .toEqual(['chs-coop-procedure-a', 'chs-coop-procedure-b']);
  });

  it('names the profiles it has when asked for one it does not', () => {
    expect(() => deployableLandlords(policies, ['nobody'])).toThrow(/no profile.*code-defaults/);
  });
});
