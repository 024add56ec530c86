// The CDK app: picks the stage and its landlords, checks them, creates the stack. Nothing else.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { shippedLandlordPolicies } from '../src/config/files.ts';
import { deployableLandlords } from '../lib/landlord-config.ts';
import { stackPropsFromContext } from '../lib/context.ts';
import { RedressStack } from '../lib/redress-stack.ts';

const app = new App();
const settings = stackPropsFromContext((key) => app.node.tryGetContext(key));

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
new RedressStack(app, `Redress-${settings.stage}`, {
  ...settings,
  landlords: deployableLandlords(shippedLandlordPolicies(), settings.landlordIds),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-2' },
});
