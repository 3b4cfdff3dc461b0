import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { ALL_GSIS, TABLE_KEYS, TTL_ATTRIBUTE } from '../../functions/adapters/dynamodb/table-definition.ts';

export interface ComplaintTableProps {
  /** Customer-managed key (rotation on) owned by the stateful stack. */
  readonly encryptionKey: IKey;
}

/**
 * The one complaint table, shaped by functions/adapters/dynamodb/table-definition.ts (the same
 * definition the local gateway creates in the embedded store). It is the public record, so it is
 * retained and deletion-protected in every stage, whatever the stage's removal policy.
 */
export class ComplaintTable extends Construct {
  readonly table: Table;
  readonly indexNames: readonly string[] = ALL_GSIS.map((gsi) => gsi.indexName);

  constructor(scope: Construct, id: string, props: ComplaintTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_KEYS.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_KEYS.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.encryptionKey,
      timeToLiveAttribute: TTL_ATTRIBUTE,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const gsi of ALL_GSIS) {
      this.table.addGlobalSecondaryIndex({
        indexName: gsi.indexName,
        partitionKey: { name: gsi.partitionKey, type: AttributeType.STRING },
        sortKey: { name: gsi.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      });
    }
  }
}
