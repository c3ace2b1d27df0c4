import * as z from 'zod';
import { currencyCode, id } from './fields';

/**
 * The saga's Task state names, the one list of them: the ASL file's Task states (a unit test
 * compares), each handler's `sagaStep(name)`, the steps of a trace and of fault injection.
 */
export const SAGA_STEPS = [
  'ReservePayment',
  'ReserveStock',
  'BookDelivery',
  'CapturePayment',
  'ConfirmOrder',
  'CancelDelivery',
  'ReleaseStock',
  'ReleasePayment',
  'CancelOrder',
] as const;
export type SagaStepName = (typeof SAGA_STEPS)[number];

/** API.md "Fault injection": every attempt, the first only, or every attempt until a redrive. */
export const FAULTS = ['error', 'error-once', 'error-until-redrive'] as const;

export const faultPlanSchema = z.partialRecord(z.enum(SAGA_STEPS), z.enum(FAULTS));
export type FaultPlan = z.infer<typeof faultPlanSchema>;

export const sagaItemSchema = z.strictObject({
  productId: id,
  quantity: z.int().min(1).max(100),
});

/**
 * The one input of every saga task: the state machine passes its whole state
 * to each Task (forward steps keep it with `ResultPath: null`; a Catch adds
 * `{Error, Cause}` at `$.error`).
 */
export const orderSagaInputSchema = z.strictObject({
  orderId: id,
  userId: id,
  items: z
    .array(sagaItemSchema)
    .min(1)
    .max(50)
    .refine(
      (items) => new Set(items.map((item) => item.productId)).size === items.length,
      'productIds must be distinct',
    ),
  total: z.int().min(0),
  currency: currencyCode,
  deliverySlotId: id,
  error: z.strictObject({ Error: z.string(), Cause: z.string() }).optional(),
  faultInjection: faultPlanSchema.optional(),
  /** The placing request's correlation id, on every log line of the saga's steps. */
  correlationId: z.string().min(1).max(128).optional(),
});

/**
 * What each Task receives (the ASL's Parameters): the whole saga state, which attempt this is
 * (`$$.State.RetryCount`, 0 for the first) and how often the execution was redriven
 * (`$$.Execution.RedriveCount`), which only fault injection reads.
 */
export const sagaTaskInputSchema = z.strictObject({
  order: orderSagaInputSchema,
  attempt: z.int().min(0),
  redriveCount: z.int().min(0),
});

export type SagaTaskInput = z.infer<typeof sagaTaskInputSchema>;

export type OrderSagaInput = z.infer<typeof orderSagaInputSchema>;
export type SagaItem = z.infer<typeof sagaItemSchema>;
