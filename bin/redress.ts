// The CDK app: picks the stage and its landlords, checks them, creates the stack. Nothing else.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { shippedLandlordPolicies } from '../src/config/files.ts';
import { deployableLandlords } from '../lib/landlord-config.ts';
import { RedressStack } from '../lib/redress-stack.ts';

const app = new App();
const stage = String(app.node.tryGetContext('stage') ?? 'dev');
// `-c landlords=chs-coop-procedure-a,chs-coop-procedure-b` picks the profiles in config/landlords this stage serves.
const landlordIds = String(app.node.tryGetContext('landlords') ?? 'code-defaults').split(',').map((s) => s.trim()).filter(Boolean);

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
new RedressStack(app, `Redress-${stage}`, {
  landlords: deployableLandlords(shippedLandlordPolicies(), landlordIds),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION ?? 'eu-west-2' },
});
