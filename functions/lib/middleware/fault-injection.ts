import * as z from 'zod';
import { loadConfig } from '../config';
import {
  FAULTS,
  faultPlanSchema,
  SAGA_STEPS,
  type FaultPlan,
  type SagaStepName,
} from '../../../contracts/order-saga';
import { ValidationFailed } from '../errors';

/**
 * API.md "Fault injection": `X-Fault-Injection: <step>=<fault>[,…]` on POST /orders makes saga
 * steps throw a technical error, every time (`error`), on their first attempt only
 * (`error-once`) or until the execution is redriven (`error-until-redrive`: "the cause was
 * fixed"), so a test can drive the saga down any path. Only where the stage sets
 * SHOP_FAULT_INJECTION=enabled (serverless.yml: the local stage); elsewhere the header is ignored
 * and a plan that reached a step anyway is not acted on.
 */
const config = loadConfig(
  z.object({ SHOP_FAULT_INJECTION: z.enum(['enabled', 'disabled']).default('disabled') }),
);

export const faultInjectionEnabled = (): boolean => config.SHOP_FAULT_INJECTION === 'enabled';

/** Reads the header; a step or fault it does not know is the client's mistake (400). */
export function parseFaultHeader(header: string): FaultPlan {
  const entries = header
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => part.split('=').map((side) => side.trim()));
  const plan = faultPlanSchema.safeParse(
    Object.fromEntries(entries.map(([step, fault]) => [step ?? '', fault ?? ''])),
  );
  if (!plan.success || entries.some((entry) => entry.length !== 2)) {
    throw new ValidationFailed(`X-Fault-Injection must read <step>=${FAULTS.join('|')}[,…]`, {
      details: [{ field: 'X-Fault-Injection', message: `steps: ${SAGA_STEPS.join(', ')}` }],
    });
  }
  return plan.data;
}

/**
 * Whether the step must fail on this attempt (0 is the first, as the state's RetryCount) of this
 * run of the execution (0 before any redrive, as the execution's RedriveCount).
 */
export function faultDue(
  plan: FaultPlan | undefined,
  step: SagaStepName,
  { attempt, redriveCount }: { attempt: number; redriveCount: number },
): boolean {
  switch (plan?.[step]) {
    case 'error':
      return true;
    case 'error-once':
      return attempt === 0;
    case 'error-until-redrive':
      return redriveCount === 0;
    case undefined:
      return false;
  }
}
