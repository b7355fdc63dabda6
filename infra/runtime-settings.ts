/**
 * Settings the stack gives the Lambdas that the benchmark must use too, so that what it measures
 * is what runs in AWS. Plain values: importing this must not load the CDK.
 */

/**
 * The per-address limit counts 1 in 4 requests, as 4 (functions/http/address-limit.ts): accurate
 * at the volumes it exists to stop, a write every fourth request at a citizen's pace.
 */
export const ADDRESS_LIMIT_SAMPLING_IN_AWS = 4;
