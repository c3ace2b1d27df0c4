import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import { epochSeconds } from './protocol';

type DetailsKey = Exclude<keyof HistoryEvent, 'timestamp' | 'type' | 'id' | 'previousEventId'>;

/** One `<x>EventDetails` member of a HistoryEvent, checked against the SDK's model. */
export type EventDetails = {
  [Key in DetailsKey]: { key: Key; value: NonNullable<HistoryEvent[Key]> };
}[DetailsKey];

export interface RecordedEvent {
  id: number;
  previousEventId: number;
  timestamp: Date;
  type: HistoryEventType;
  details?: EventDetails;
}

const EXECUTION_DATA_FIELDS = new Set(['input', 'inputDetails', 'output', 'outputDetails']);

/**
 * An execution's history, append-only and in the order things happened.
 * Once a terminal event (ExecutionSucceeded, ...) is in, nothing more is
 * appended, as on AWS where a closed execution's history never changes.
 */
export class HistoryRecorder {
  private readonly events: RecordedEvent[] = [];
  private closed = false;

  append(type: HistoryEventType, details?: EventDetails): RecordedEvent | undefined {
    if (this.closed) return undefined;
    const id = this.events.length + 1;
    // Sequential workflows: each event follows the one before it.
    const event: RecordedEvent = { id, previousEventId: id - 1, timestamp: new Date(), type };
    if (details) event.details = details;
    this.events.push(event);
    return event;
  }

  appendTerminal(type: HistoryEventType, details?: EventDetails): RecordedEvent | undefined {
    const event = this.append(type, details);
    this.closed = true;
    return event;
  }

  list(): readonly RecordedEvent[] {
    return this.events;
  }
}

/** The JSON protocol's shape of a HistoryEvent. */
export const toWireEvent = (
  event: RecordedEvent,
  includeExecutionData: boolean,
): Record<string, unknown> => {
  const wire: Record<string, unknown> = {
    timestamp: epochSeconds(event.timestamp),
    type: event.type,
    id: event.id,
    previousEventId: event.previousEventId,
  };
  if (event.details) {
    wire[event.details.key] = includeExecutionData
      ? event.details.value
      : Object.fromEntries(
          Object.entries(event.details.value).filter(
            ([field]) => !EXECUTION_DATA_FIELDS.has(field),
          ),
        );
  }
  return wire;
};
