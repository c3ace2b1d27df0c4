import { PublishCommand } from '@aws-sdk/client-sns';
import * as z from 'zod';
import { sns } from './aws/sns';
import { loadConfig, resourceName } from './config';

const config = loadConfig(z.object({ EVENTS_TOPIC_ARN: resourceName }));

/**
 * Publishes a domain event (a schema of contracts/events.ts) on the events topic, with its `eventType` as
 * the message attribute the subscriptions' filter policies select on.
 */
export async function publishEvent<E extends { eventType: string }>(event: E): Promise<void> {
  await sns.send(
    new PublishCommand({
      TopicArn: config.EVENTS_TOPIC_ARN,
      Message: JSON.stringify(event),
      MessageAttributes: { eventType: { DataType: 'String', StringValue: event.eventType } },
    }),
  );
}
