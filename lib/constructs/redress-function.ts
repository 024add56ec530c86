import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { type BundledFiles, type FunctionName, functionCode, LAMBDA_RUNTIME } from '../bundling.ts';

/** Properties of one Redress function. */
export interface RedressFunctionProps {
  /** The folder under lambdas/ holding its handler.ts. */
  readonly name: FunctionName;
  /** Settings that say where things are (parsed once by src/wiring.ts). */
  readonly environment: Record<string, string>;
  /** Landlord profiles and templates copied into the bundle. */
  readonly files: BundledFiles;
  /**
   * Whether AWS invokes it asynchronously (SES, SNS, EventBridge Scheduler): then failed events, after two retries,
   * go to {@link deadLetterQueue}.
   */
  readonly async: boolean;
  /** The stage's dead-letter queue, which an alarm watches; required when `async`. */
  readonly deadLetterQueue?: sqs.IQueue;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 30 seconds */
  readonly timeout?: Duration;
  /**
   * Executions kept for this function alone, which also caps it, so a flood here cannot take the account's
   * concurrency from the others.
   * @default none
   */
  readonly reservedConcurrency?: number;
  /** @default one year */
  readonly logRetention?: logs.RetentionDays;
  /** @default RemovalPolicy.RETAIN */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * One Lambda function as every Redress function is built: bundled locally with esbuild (no Docker) into index.mjs and
 * the chunks it imports when needed (lib/bundling.ts), arm64, Node 24,
 * JSON logs to its own log group, its own role with no managed policies (grants are added action by action), and the
 * stage's dead-letter queue when it is invoked asynchronously.
 */
export class RedressFunction extends Construct {
  readonly fn: lambda.Function;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly deadLetterQueue?: sqs.IQueue;
  readonly functionName: FunctionName;

  constructor(scope: Construct, id: string, props: RedressFunctionProps) {
    super(scope, id);
    this.functionName = props.name;
    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: props.removalPolicy ?? RemovalPolicy.RETAIN,
    });
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Redress ${props.name}: only the calls its code makes`,
    });
    // Lambda names the log streams at run time; the grant is limited to this function's own log group.
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [this.logGroup.logGroupArn],
    }));

    if (props.async) {
      if (!props.deadLetterQueue) throw new Error(`${props.name} is invoked asynchronously and needs a dead-letter queue`);
      this.deadLetterQueue = props.deadLetterQueue;
    }

    this.fn = new lambda.Function(this, 'Function', {
      code: functionCode(props.name, props.files),
      handler: 'index.handler',
      runtime: LAMBDA_RUNTIME,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(30),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      description: `Redress ${props.name}`,
      ...(props.reservedConcurrency !== undefined ? { reservedConcurrentExecutions: props.reservedConcurrency } : {}),
      ...(this.deadLetterQueue ? { deadLetterQueue: this.deadLetterQueue, retryAttempts: 2 } : {}),
      environment: {
        POWERTOOLS_SERVICE_NAME: `redress-${props.name}`,
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
      },
    });
  }

  /** The function's ARN. */
  get functionArn(): string {
    return this.fn.functionArn;
  }
}
