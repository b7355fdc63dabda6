import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';

/**
 * An API stage's access log: its own group kept three months, one JSON line per request with the
 * request id and time, then the fields the caller names. Callers name context variables only, never
 * raw paths or frames: those carry session ids and dossier codes.
 */
export function stageAccessLogs(scope: Construct, fields: Record<string, string>) {
  const group = new logs.LogGroup(scope, 'AccessLogs', {
    retention: logs.RetentionDays.THREE_MONTHS,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  const settings = {
    destination: new apigwv2.LogGroupLogDestination(group),
    format: AccessLogFormat.custom(
      JSON.stringify({ requestId: '$context.requestId', time: '$context.requestTime', ...fields }),
    ),
  };
  return { group, settings };
}
