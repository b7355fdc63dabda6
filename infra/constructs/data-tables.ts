import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_NAMES, TABLES, type TableDefinition, type TableName } from '../../functions/stores/tables';

/**
 * The three DynamoDB tables, built from the very definitions the embedded store of `npm start` uses,
 * so both run one key schema. On demand (traffic is spiky and small), point-in-time recovery, TTL,
 * and retained when the stack is deleted: citizens' dossiers and staff casework outlive a redeploy.
 */
export class DataTables extends Construct {
  readonly byName: Readonly<Record<TableName, dynamodb.Table>>;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.byName = Object.fromEntries(
      TABLE_NAMES.map((name) => [name, this.createTable(TABLES[name])]),
    ) as Record<TableName, dynamodb.Table>;
  }

  /** Name → physical table name, as the Lambdas read them from the environment. */
  environment(): Record<string, string> {
    return Object.fromEntries(TABLE_NAMES.map((name) => [TABLES[name].envVar, this.byName[name].tableName]));
  }

  get all(): dynamodb.Table[] {
    return TABLE_NAMES.map((name) => this.byName[name]);
  }

  private createTable(def: TableDefinition): dynamodb.Table {
    const table = new dynamodb.Table(this, pascal(def.name), {
      partitionKey: { name: def.partitionKey, type: dynamodb.AttributeType.STRING },
      sortKey: { name: def.sortKey, type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: def.ttlAttribute,
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      removalPolicy: RemovalPolicy.RETAIN,
      // A second guard against a console slip; turn it off by hand before deleting a retained table.
      deletionProtection: true,
    });
    for (const index of def.indexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.name,
        partitionKey: { name: index.partitionKey, type: dynamodb.AttributeType.STRING },
        sortKey: { name: index.sortKey, type: dynamodb.AttributeType.STRING },
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
    return table;
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_m, _sep: string, c: string) => c.toUpperCase());
}
