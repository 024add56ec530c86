// The CDK app the stack tests synthesize: cdk.json's context (its feature flags, as `cdk synth` reads them) and no
// bundling, so the templates tested are the ones a deploy would make.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { PROJECT_ROOT } from '../../src/config/files.ts';

/** cdk.json's context: the feature flags recommended for new projects, and the project's settings. */
export const CDK_JSON_CONTEXT = (JSON.parse(readFileSync(join(PROJECT_ROOT, 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

/** A CDK app as `cdk synth` makes it, without bundling the functions. */
export const testApp = (): App => new App({ context: { ...CDK_JSON_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
