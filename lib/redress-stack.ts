import { RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { LandlordPolicy } from '../src/core/policy/landlord-policy.ts';
import { CaseTable } from './constructs/case-table.ts';

/** Properties of a Redress stage. */
export interface RedressStackProps extends StackProps {
  /** The landlords this stage serves, already checked against the Code. */
  readonly landlords: readonly LandlordPolicy[];
  /**
   * Whether deleting the stack deletes its data.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/** One Redress stage: joins the constructs, nothing else. */
export class RedressStack extends Stack {
  readonly cases: CaseTable;

  constructor(scope: Construct, id: string, props: RedressStackProps) {
    super(scope, id, props);
    this.cases = new CaseTable(this, 'Cases', { ...(props.removalPolicy ? { removalPolicy: props.removalPolicy } : {}) });
    this.templateOptions.description = `Redress complaint handling for ${props.landlords.map((l) => l.landlordId).join(', ')}`;
  }
}
