import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { TABLES, type TableName } from '../functions/stores/tables';

/**
 * Grants written out by hand instead of CDK's `grant*` helpers, which add wildcards
 * (`<table>/index/*`, `<function>:*`, `secretsmanager:*` describe actions). Each names exactly
 * the actions the store adapters and clients call and exactly the resources they touch.
 */

/** What `functions/stores/dynamo` sends: Get/Query (+ batch and condition checks) and Put/Update/Delete. */
const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
] as const;
const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
] as const;

export type TableAccess = 'read' | 'read-write';

export function allowTable(
  grantee: iam.IGrantable,
  name: TableName,
  table: dynamodb.ITable,
  access: TableAccess,
): void {
  const indexArns = TABLES[name].indexes.map((index) => `${table.tableArn}/index/${index.name}`);
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [...TABLE_READ_ACTIONS, ...(access === 'read-write' ? TABLE_WRITE_ACTIONS : [])],
      resources: [table.tableArn, ...indexArns],
    }),
  );
}

export type SecretAccess = 'read' | 'read-write';

/** Secrets are encrypted with the AWS-managed key, so no KMS statement is needed. */
export function allowSecret(
  grantee: iam.IGrantable,
  secret: secretsmanager.ISecret,
  access: SecretAccess,
): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({
      actions: [
        'secretsmanager:GetSecretValue',
        // The Zalo token pair is rotated by the Lambdas themselves (refresh token → new pair).
        ...(access === 'read-write' ? ['secretsmanager:PutSecretValue'] : []),
      ],
      resources: [secret.secretArn],
    }),
  );
}

/** `Event` invocations of one function: its unqualified ARN only, not its versions or aliases. */
export function allowInvoke(grantee: iam.IGrantable, fn: lambda.IFunction): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new iam.PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
  );
}
