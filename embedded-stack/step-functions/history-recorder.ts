import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import type { HistoryEvent as InterpreterEvent } from './interpreter';
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

/**
 * An interpreter event in the SDK's terms: the interpreter names its event types
 * and `<x>EventDetails` members exactly as the API does.
 */
export const toRecordedEvent = (event: InterpreterEvent): RecordedEvent => {
  const recorded: RecordedEvent = {
    id: event.id,
    previousEventId: event.previousEventId,
    timestamp: event.timestamp,
    type: event.type as HistoryEventType,
  };
  if (event.detailsKey !== undefined && event.details !== undefined) {
    recorded.details = { key: event.detailsKey, value: event.details } as EventDetails;
  }
  return recorded;
};

const EXECUTION_DATA_FIELDS = new Set(['input', 'inputDetails', 'output', 'outputDetails']);

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
