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
const { region, landlordIds, ...props } = settings;
new RedressStack(app, `Redress-${settings.stage}`, {
  ...props,
  landlords: deployableLandlords(shippedLandlordPolicies(), landlordIds),
  // The region comes from context (London by default), never from the CLI profile: it decides where residents'
  // data lives, so it must not change with whoever runs the deploy.
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
});
