import { ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { domainEventSchema, type DomainEvent } from '../../contracts/events';
import { dynamoDb } from '../../functions/lib/aws/dynamodb';
import { OUTBOX_EVENT_ATTRIBUTE } from '../../functions/lib/outbox';

/**
 * The events a table's outbox holds (functions/lib/outbox.ts) whose fields include `match`: what
 * the table's publisher will put on the topic. A scan: fine for the test tables' sizes.
 */
export async function outboxEvents(
  tableName: string,
  match: Record<string, unknown>,
  client: DynamoDBDocumentClient = dynamoDb,
): Promise<DomainEvent[]> {
  const events: DomainEvent[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'begins_with(pk, :outbox)',
        ExpressionAttributeValues: { ':outbox': 'OUTBOX#' },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const event = domainEventSchema.parse(JSON.parse(String(item[OUTBOX_EVENT_ATTRIBUTE])));
      const fields = event as Record<string, unknown>;
      if (Object.entries(match).every(([key, value]) => fields[key] === value)) events.push(event);
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return events;
}
