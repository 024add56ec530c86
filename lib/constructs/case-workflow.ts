import { existsSync, readFileSync } from 'node:fs';
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** Properties of the case workflow. */
export interface CaseWorkflowProps {
  /** The ASL file (statemachines/complaint-case.asl.json). */
  readonly definitionFile: string;
  /** The case-step function's ARN, substituted for `${CaseStepFunctionArn}`. */
  readonly caseStepFunctionArn: string;
  /** @default RemovalPolicy.RETAIN (the execution log) */
  readonly removalPolicy?: RemovalPolicy;
}

/** The ASL file is missing: the case workflow is being written. */
export class WorkflowDefinitionMissingError extends Error {
  override readonly name = 'WorkflowDefinitionMissingError';
  constructor(readonly file: string) {
    super(`no state machine definition at ${file}`);
  }
}

/**
 * The complaint case workflow: the ASL file with the case-step function's ARN substituted, every event logged
 * (without execution data, which holds residents' details) and X-Ray tracing on. Its role may invoke case-step only.
 */
export class CaseWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: CaseWorkflowProps) {
    super(scope, id);
    if (!existsSync(props.definitionFile)) throw new WorkflowDefinitionMissingError(props.definitionFile);
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      // Inline rather than an S3 asset: one less asset, and the template shows the workflow an auditor reviews.
      definitionBody: sfn.DefinitionBody.fromString(readFileSync(props.definitionFile, 'utf8')),
      definitionSubstitutions: { CaseStepFunctionArn: props.caseStepFunctionArn },
      tracingEnabled: true,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
      // A case runs through two stages, extensions and a survey: months, within Step Functions' one-year limit.
      timeout: Duration.days(365),
    });
    // Nothing is granted automatically for a definition from a file.
    this.stateMachine.addToRolePolicy(new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [props.caseStepFunctionArn] }));
    Validations.of(this.stateMachine).acknowledge(
      {
        id: 'AwsSolutions::AwsSolutions-IAM5[Resource::*]',
        reason: 'Added by CDK for logging and tracing: logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups and xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets support no resource-level permissions (Service Authorization Reference), so "*" is their only Resource.',
      },
    );
  }
}
