import { logger } from '../lib/logger';
import {
  isPastStuckDeadline,
  needsSweep,
  stuckCutoff,
  sweepExecutionName,
  sweepInputFor,
} from './domain/stuck-order';
import type { OrderSagaExecutions } from './order-saga-executions';
import type { OrdersRepository } from './orders-repository';

/** What the sweep needs from the outside; handlers/sweep-stuck-orders.ts wires the real ones. */
export interface StuckOrderSweepDependencies {
  orders: Pick<OrdersRepository, 'pendingOrdersCreatedBefore' | 'getOrder'>;
  executions: Pick<OrderSagaExecutions, 'statusOf' | 'start'>;
  /** STUCK_ORDER_AFTER_SECONDS (API.md): how long an order may stay PENDING. */
  stuckAfterSeconds: number;
}

export interface SweepReport {
  /** PENDING orders past their deadline. */
  examined: number;
  /** Orders whose sweep execution this run started. */
  swept: string[];
  /** Orders whose sweep execution already existed (another sweep started it). */
  alreadySwept: string[];
  /** Orders that could not be looked at or started; the next run tries again. */
  failed: string[];
}

/**
 * Finds the orders PENDING past STUCK_ORDER_AFTER_SECONDS whose execution is not running and
 * starts the saga again for each, under the name `<orderId>-sweep`, with the error that sends it
 * straight to the undo steps (statemachines/order-saga.asl.yml, NewOrStuck): the undo Lambdas,
 * idempotent by orderId, restore wallet, stock and slot, and CancelOrder ends the order
 * CANCELLED with TECHNICAL_FAILURE.
 *
 * Idempotent: the execution name is one per order, so two sweeps at once start it once. The order
 * is read again after its execution was seen ended: if it is still PENDING then, no execution
 * will move it any more, so the sweep cannot race a late ConfirmOrder into undoing a confirmed
 * order. A late forward step of the original execution (a local one resumed after a crash) finds
 * the undo's tombstones, and CancelOrder's write is conditional on the status it read.
 */
export const createStuckOrderSweep = (deps: StuckOrderSweepDependencies) => ({
  async sweep(now: Date): Promise<SweepReport> {
    const report: SweepReport = { examined: 0, swept: [], alreadySwept: [], failed: [] };
    const cutoff = stuckCutoff(now, deps.stuckAfterSeconds);
    for await (const order of deps.orders.pendingOrdersCreatedBefore(cutoff)) {
      // The index's range is the rule's narrowing; the rule itself decides.
      if (!isPastStuckDeadline(order, now, deps.stuckAfterSeconds)) continue;
      report.examined++;
      const { orderId } = order;
      try {
        const status = await deps.executions.statusOf(orderId);
        if (!needsSweep(status)) continue;
        const current = await deps.orders.getOrder(orderId);
        if (current?.status !== 'PENDING') continue;
        const outcome = await deps.executions.start(
          sweepExecutionName(orderId),
          sweepInputFor(current, status),
        );
        (outcome === 'STARTED' ? report.swept : report.alreadySwept).push(orderId);
        logger.warn('A stuck order is being undone', { orderId, executionStatus: status, outcome });
      } catch (error) {
        report.failed.push(orderId);
        logger.error('A stuck order could not be swept', { orderId, error });
      }
    }
    return report;
  },
});

export type StuckOrderSweep = ReturnType<typeof createStuckOrderSweep>;
