import type { SNSEvent, SNSMessageAttributes } from 'aws-lambda';

/** An SNS delivery to a subscriber, one record per message, as Lambda receives it. */
export const snsEventOf =
  (eventType?: string) =>
  (...messages: unknown[]): SNSEvent => {
    const attributes: SNSMessageAttributes = eventType
      ? { eventType: { Type: 'String', Value: eventType } }
      : {};
    return {
      Records: messages.map((message, index) => ({
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:us-east-1:000000000000:domain-events:subscription',
        Sns: {
          Type: 'Notification',
          MessageId: `message-${index}`,
          TopicArn: 'arn:aws:sns:us-east-1:000000000000:domain-events',
          Subject: '',
          Message: typeof message === 'string' ? message : JSON.stringify(message),
          Timestamp: new Date().toISOString(),
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: attributes,
        },
      })),
    };
  };
