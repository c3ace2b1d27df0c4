import { logger } from './logger';
import { tracer } from './tracer';

/** What identifies an order's work across functions; any part may be unknown. */
export interface InvocationTags {
  orderId?: string | undefined;
  userId?: string | undefined;
  /** The id of the HTTP request that placed the order (x-correlation-id or API Gateway's). */
  correlationId?: string | undefined;
}

const TAGGED_KEYS = ['orderId', 'userId', 'correlation_id'];

/**
 * Puts these ids on every further log line of this invocation (Powertools Logger's
 * `correlation_id`, `orderId`, `userId`) and on its trace as X-Ray annotations, so one search
 * by order id or correlation id finds the order's whole story, from the HTTP request through
 * the saga and the outbox publisher to the notification (an X-Ray trace stops at a DynamoDB
 * stream: the annotations find the traces on both sides). The middleware stacks reset the keys
 * after each invocation.
 */
export function tagInvocation({ orderId, userId, correlationId }: InvocationTags): void {
  if (correlationId !== undefined) {
    logger.setCorrelationId(correlationId);
    tracer.putAnnotation('correlationId', correlationId);
  }
  if (orderId !== undefined) {
    logger.appendKeys({ orderId });
    tracer.putAnnotation('orderId', orderId);
  }
  if (userId !== undefined) {
    logger.appendKeys({ userId });
    tracer.putAnnotation('userId', userId);
  }
}

/**
 * The same for one message of a batch (a stream record, an SNS record): the previous message's
 * ids are dropped first, so no line carries another order's id.
 */
export function tagMessage(tags: InvocationTags): void {
  logger.removeKeys(TAGGED_KEYS);
  tagInvocation(tags);
}

/** This invocation's correlation id, to carry on in what it starts (a saga, an event). */
export function currentCorrelationId(): string | undefined {
  const correlationId = logger.getCorrelationId();
  return typeof correlationId === 'string' ? correlationId : undefined;
}

/** The ids an event names (orderId, userId), if it names them. */
export function tagsOfEvent(event: unknown): InvocationTags {
  if (typeof event !== 'object' || event === null) return {};
  const field = (name: 'orderId' | 'userId'): string | undefined => {
    const value = (event as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
  return { orderId: field('orderId'), userId: field('userId') };
}
