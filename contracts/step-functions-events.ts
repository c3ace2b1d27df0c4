import * as z from 'zod';

/**
 * What Step Functions puts on EventBridge when a Standard execution changes status
 * (detail-type "Step Functions Execution Status Change"); the fields the shop reads.
 */
export const executionStatusChangeSchema = z.object({
  source: z.literal('aws.states'),
  'detail-type': z.literal('Step Functions Execution Status Change'),
  detail: z.object({
    executionArn: z.string().min(1),
    stateMachineArn: z.string().min(1),
    name: z.string().min(1),
    status: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']),
  }),
});

export type ExecutionStatusChange = z.infer<typeof executionStatusChangeSchema>;
