// resources/observability.yml as text: the alarms, the dashboard and the saved Logs Insights
// queries of a stage. Generated because the dashboard's per-context Lambda lines and the
// queries' log groups list every function by name (CloudWatch has no per-context grouping,
// and a saved query takes log group names, not a prefix).
import { DEAD_LETTER_QUEUES, PREFIX, dashboardWidgets } from './dashboard';

/** OpenWalletDeadLetterQueue -> open_wallet: a metric query id of the alarm's expression. */
const queryId = (queue: string): string =>
  queue
    .replace(/(DeadLetter|Failure)Queue$/, '')
    .replace(/(?<!^)(?=[A-Z])/g, '_')
    .toLowerCase();

const indent = (text: string, spaces: number): string =>
  text
    .split('\n')
    .map((line) => ' '.repeat(spaces) + line)
    .join('\n');

/** One widget a line, so a diff of the generated file shows which widget changed. */
const dashboardBody = (contexts: ReadonlyMap<string, readonly string[]>): string =>
  `{\n "widgets": [\n${dashboardWidgets(contexts)
    .map((widget) => `  ${JSON.stringify(widget)}`)
    .join(',\n')}\n ]\n}`;

const deadLetterQueueMetrics = DEAD_LETTER_QUEUES.map(
  (queue) => `
        - Id: ${queryId(queue)}
          ReturnData: false
          MetricStat:
            Metric:
              Namespace: AWS/SQS
              MetricName: ApproximateNumberOfMessagesVisible
              Dimensions:
                - Name: QueueName
                  Value: !GetAtt ${queue}.QueueName
            Period: 60
            Stat: Maximum`,
).join('');

/** The file's text; `contexts` maps each bounded context to its function names. */
export const observabilityYaml = (contexts: ReadonlyMap<string, readonly string[]>): string => {
  const logGroups = [...contexts.values()]
    .flat()
    .map((name) => `        - /aws/lambda/${PREFIX}-${name}`)
    .join('\n');
  return `# Observability of a deployed stage: the CloudWatch dashboard, the alarms that need a person
# (sent to the alarm topic, and by e-mail when the stage sets the alarmEmail parameter) and saved
# Logs Insights queries. Our own metrics are those of contracts/metrics.ts, emitted as EMF by
# Powertools Metrics in the namespace shop-<stage> with the dimension service=shop;
# tests/unit/resources/observability.test.ts checks that this file names exactly those.
# Written by npm run observability (scripts/observability.ts) from functions/*/functions.yml:
# edit the generator, not this file.
Parameters:
  # The stage's alarmEmail parameter, overridable when deploying: empty subscribes no address.
  AlarmEmail:
    Type: String
    Default: '\${param:alarmEmail}'
    Description: An e-mail address the alarm topic sends to (empty for none).

Conditions:
  HasAlarmEmail: !Not [!Equals [!Ref AlarmEmail, '']]

Resources:
  AlarmTopic:
    Type: AWS::SNS::Topic
    Properties:
      TopicName: \${self:custom.names.prefix}-alarms

  AlarmEmailSubscription:
    Type: AWS::SNS::Subscription
    Condition: HasAlarmEmail
    Properties:
      TopicArn: !Ref AlarmTopic
      Protocol: email
      Endpoint: !Ref AlarmEmail

  # A message no subscriber could take is waiting in a dead-letter queue: an event was lost to
  # its context (a wallet or stock record not opened, a notification not stored); or an outbox
  # publisher parked a stream batch it could not put on the topic (its events wait in the table).
  DeadLetterQueuesNotEmptyAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: \${self:custom.names.prefix}-dead-letter-queues-not-empty
      AlarmDescription: A dead-letter queue of an events subscription, or an outbox failure queue, holds a message.
      AlarmActions: [!Ref AlarmTopic]
      OKActions: [!Ref AlarmTopic]
      Metrics:${deadLetterQueueMetrics}
        - Id: deepest
          Label: messages in the fullest dead-letter queue
          Expression: MAX([${DEAD_LETTER_QUEUES.map(queryId).join(', ')}])
          ReturnData: true
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      TreatMissingData: notBreaching

  # API Gateway's counts, not the handlers': they include the 5xx a handler never answered
  # (a timeout, a crash before the middleware).
  ApiServerErrorRateAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: \${self:custom.names.prefix}-api-5xx-rate
      AlarmDescription: More than 5% of the HTTP API's answers were 5xx for 5 minutes.
      AlarmActions: [!Ref AlarmTopic]
      OKActions: [!Ref AlarmTopic]
      Metrics:
        - Id: requests
          ReturnData: false
          MetricStat:
            Metric:
              Namespace: AWS/ApiGateway
              MetricName: Count
              Dimensions:
                - Name: ApiId
                  Value: !Ref HttpApi
            Period: 60
            Stat: Sum
        - Id: server_errors
          ReturnData: false
          MetricStat:
            Metric:
              Namespace: AWS/ApiGateway
              MetricName: 5xx
              Dimensions:
                - Name: ApiId
                  Value: !Ref HttpApi
            Period: 60
            Stat: Sum
        - Id: rate
          Label: 5xx in % of requests
          Expression: IF(requests > 0, 100 * server_errors / requests, 0)
          ReturnData: true
      EvaluationPeriods: 5
      DatapointsToAlarm: 5
      Threshold: 5
      ComparisonOperator: GreaterThanThreshold
      TreatMissingData: notBreaching

  ApiLatencyP99Alarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: \${self:custom.names.prefix}-api-latency-p99
      AlarmDescription: The HTTP API's p99 latency stayed above 3 s for 5 minutes.
      AlarmActions: [!Ref AlarmTopic]
      OKActions: [!Ref AlarmTopic]
      Namespace: AWS/ApiGateway
      MetricName: Latency
      Dimensions:
        - Name: ApiId
          Value: !Ref HttpApi
      ExtendedStatistic: p99
      Period: 60
      EvaluationPeriods: 5
      DatapointsToAlarm: 5
      Threshold: 3000
      ComparisonOperator: GreaterThanThreshold
      TreatMissingData: notBreaching

  # Lambda's concurrency is the account's, shared by every function (and stage) in the region:
  # a throttle anywhere here means this stage's functions may be refused too.
  LambdaThrottlesAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      AlarmName: \${self:custom.names.prefix}-lambda-throttles
      AlarmDescription: Lambda throttled invocations in this account and region (concurrency exhausted).
      AlarmActions: [!Ref AlarmTopic]
      OKActions: [!Ref AlarmTopic]
      Namespace: AWS/Lambda
      MetricName: Throttles
      Statistic: Sum
      Period: 60
      EvaluationPeriods: 1
      Threshold: 1
      ComparisonOperator: GreaterThanOrEqualToThreshold
      TreatMissingData: notBreaching

  Dashboard:
    Type: AWS::CloudWatch::Dashboard
    Properties:
      DashboardName: \${self:custom.names.prefix}
      DashboardBody: !Sub |
${indent(dashboardBody(contexts), 8)}

  # Logs Insights over every function's log group: Powertools Logger lines carry orderId and
  # correlation_id from the HTTP request through the saga to the notification.
  OrderStoryQuery:
    Type: AWS::Logs::QueryDefinition
    Properties:
      Name: \${self:custom.names.prefix}/one-order-story
      QueryString: |
        fields @timestamp, function_name, level, message, correlation_id, step, attempt, error.name
        | filter orderId = 'REPLACE-WITH-ORDER-ID'
        | sort @timestamp asc
        | limit 1000
      LogGroupNames:
${logGroups}
        - /aws/vendedlogs/states/\${self:custom.names.orderSaga}

  SlowestRequestsQuery:
    Type: AWS::Logs::QueryDefinition
    Properties:
      Name: \${self:custom.names.prefix}/slowest-requests
      QueryString: |
        filter @type = 'REPORT'
        | fields @timestamp, @log, @duration, @initDuration, @requestId
        | sort @duration desc
        | limit 25
      LogGroupNames:
${logGroups}
`;
};
