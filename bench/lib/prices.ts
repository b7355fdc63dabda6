/**
 * Public AWS list prices assumed by docs/cost.md, for ap-southeast-1 (Singapore), without free tiers,
 * as understood on 2026-11-22. Prices change: re-check every figure on the AWS pricing pages
 * (aws.amazon.com/lambda/pricing, /dynamodb/pricing/on-demand, /api-gateway/pricing,
 * /cloudwatch/pricing, /secrets-manager/pricing, /kms/pricing, /cloudfront/pricing, /s3/pricing)
 * or with the AWS Pricing Calculator before relying on them.
 */
export const PRICES = {
  checkedOn: '2026-11-22',
  region: 'ap-southeast-1',
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerMillionRequests: 0.2,
  /** On-demand, after the November 2024 reduction. */
  dynamoPerMillionWriteUnits: 0.7125,
  dynamoPerMillionReadUnits: 0.1425,
  dynamoStoragePerGbMonth: 0.285,
  dynamoPitrPerGbMonth: 0.228,
  httpApiPerMillionRequests: 1.2,
  /** WebSocket API: messages (32 KB units, both directions) and connection minutes. */
  websocketPerMillionMessages: 1.15,
  websocketPerMillionConnectionMinutes: 0.29,
  /** Each metric name × dimension combination, prorated by the hour it is published in. */
  customMetricPerMonth: 0.3,
  /** Beyond the account's first three, which are free. */
  dashboardPerMonth: 3.0,
  logsIngestPerGb: 0.7,
  logsStoragePerGbMonth: 0.033,
  alarmPerMonth: 0.1,
  secretPerMonth: 0.4,
  secretsPer10kCalls: 0.05,
  kmsKeyPerMonth: 1.0,
  s3StandardPerGbMonth: 0.025,
  cloudFrontPerGbAsia: 0.14,
  cloudFrontPer10kHttpsRequests: 0.012,
} as const;

export type Prices = typeof PRICES;
