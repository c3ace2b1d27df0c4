import * as z from 'zod';
import { type RecordedEvent, toWireEvent } from '../history-recorder';
import {
  decodeToken,
  encodeToken,
  maxResultsSchema,
  nextTokenSchema,
  pageSize,
} from '../pagination';
import type { Action } from './context';
import { arnSchema, requireExecution } from './lookups';
import { parseRequest } from './request';

const requestSchema = z.object({
  executionArn: arnSchema,
  maxResults: maxResultsSchema,
  nextToken: nextTokenSchema,
  reverseOrder: z.boolean().optional(),
  includeExecutionData: z.boolean().optional(),
});

interface Page {
  events: readonly RecordedEvent[];
  next: number | undefined;
}

// A position is an index into the history: the next event going forward, or
// the end (exclusive) of what is left going backward. Histories only grow at
// the end, so positions stay valid while the execution runs on.
const forwardPage = (events: readonly RecordedEvent[], limit: number, position = 0): Page => {
  const end = position + limit;
  return { events: events.slice(position, end), next: end < events.length ? end : undefined };
};

const backwardPage = (
  events: readonly RecordedEvent[],
  limit: number,
  position = events.length,
): Page => {
  const end = Math.min(position, events.length);
  const start = Math.max(0, end - limit);
  return { events: events.slice(start, end).reverse(), next: start > 0 ? start : undefined };
};

export const getExecutionHistory: Action = (body, context) => {
  const request = parseRequest(requestSchema, body);
  const events = requireExecution(context, request.executionArn).history.list();
  const reverse = request.reverseOrder ?? false;
  const scope = `history:${request.executionArn}:${reverse ? 'reverse' : 'forward'}`;
  const position = decodeToken(request.nextToken, scope);
  const limit = pageSize(request.maxResults);
  const page = reverse
    ? backwardPage(events, limit, position)
    : forwardPage(events, limit, position);

  const includeExecutionData = request.includeExecutionData ?? true;
  return {
    events: page.events.map((event) => toWireEvent(event, includeExecutionData)),
    ...(page.next !== undefined && { nextToken: encodeToken(scope, page.next) }),
  };
};
