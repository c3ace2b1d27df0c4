import type { OrderSagaInput } from '../../../contracts/order-saga';
import { sagaInputFor, type Order } from './order';

// API.md Operations: no order stays PENDING for ever. An order PENDING for longer than
// STUCK_ORDER_AFTER_SECONDS whose saga execution is not running is finished through the undo
// steps, to CANCELLED with TECHNICAL_FAILURE.

/**
 * What Step Functions says of an order's execution (DescribeExecution's status), or NONE when it
 * has no execution of that name: never started, or lost (a local stack killed mid-order).
 */
export type SagaExecutionStatus =
  'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED' | 'PENDING_REDRIVE' | 'NONE';

/** The error the sweeper starts the saga with: CancelOrder turns it into TECHNICAL_FAILURE. */
export const STUCK_ORDER_ERROR = 'SagaNotRunning';

/** Whether the order has been PENDING long enough to be looked at: created at or before `now - after`. */
export const isPastStuckDeadline = (
  order: Pick<Order, 'status' | 'createdAt'>,
  now: Date,
  afterSeconds: number,
): boolean =>
  order.status === 'PENDING' && Date.parse(order.createdAt) <= now.getTime() - afterSeconds * 1000;

/** The createdAt at or before which a PENDING order is past its deadline (an index range). */
export const stuckCutoff = (now: Date, afterSeconds: number): string =>
  new Date(now.getTime() - afterSeconds * 1000).toISOString();

/**
 * Whether the sweeper must finish an order past its deadline, from its execution's status.
 * RUNNING and PENDING_REDRIVE: the saga still moves (or is being redriven), it ends the order
 * itself. SUCCEEDED: the execution ended the order (it reached CONFIRMED or CANCELLED, and a
 * PENDING read was older than that end): sweeping it could cancel a confirmed order. Every other
 * status, and no execution at all, leaves the order with nothing that will ever move it.
 */
export const needsSweep = (status: SagaExecutionStatus): boolean =>
  status === 'FAILED' || status === 'TIMED_OUT' || status === 'ABORTED' || status === 'NONE';

/**
 * The input of the sweep's execution: the order as the saga knows it, with the error that sends
 * the state machine straight to the undo steps (its NewOrStuck Choice). Made from the stored
 * order and the status alone, so two sweeps of one order start the very same execution.
 */
export const sweepInputFor = (order: Order, status: SagaExecutionStatus): OrderSagaInput => ({
  ...sagaInputFor(order),
  error: {
    Error: STUCK_ORDER_ERROR,
    Cause:
      status === 'NONE'
        ? 'The order was PENDING past its deadline and Step Functions has no execution of it'
        : `The order was PENDING past its deadline and its execution is ${status}`,
  },
});

/** The sweep's execution name: one per order, so Step Functions itself refuses a second one. */
export const sweepExecutionName = (orderId: string): string => `${orderId}-sweep`;
