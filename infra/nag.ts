import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

/** The validation namespace cdk-nag's AwsSolutions pack reports under. */
export const NAG_NAMESPACE = 'AwsSolutions';

/**
 * Runs cdk-nag's AwsSolutions checks as a CDK validation plugin: any finding, error or warning,
 * that is not acknowledged fails the synthesis (and so `npm run synth`, `cdk deploy` and the tests).
 */
export function applyNagChecks(app: App): void {
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app, { verbose: true }));
}

/**
 * Acknowledges one finding (`AwsSolutions-S1`, or a granular `AwsSolutions-IAM5[Action::s3:List*]`)
 * on a construct and everything below it. The reason is recorded in the cloud assembly's metadata.
 */
export function acknowledgeNagFinding(scope: IConstruct, finding: string, reason: string): void {
  if (reason.trim().length < 20) throw new Error(`The acknowledgement of ${finding} needs a real reason`);
  Validations.of(scope).acknowledge({ id: `${NAG_NAMESPACE}::${finding}`, reason });
}
