import { DescribeStateMachineCommand } from '@aws-sdk/client-sfn';
import * as z from 'zod';
import { sfn } from '../../lib/aws/sfn';
import { loadConfig, resourceName } from '../../lib/config';
import { json } from '../../lib/middleware/http-handler';
import { userRoute } from '../../lib/middleware/http-auth';

const config = loadConfig(z.object({ ORDER_SAGA_STATE_MACHINE_ARN: resourceName }));

/**
 * GET /saga/definition: the deployed order saga's ASL, as Step Functions itself describes it. Any
 * signed-in user: a customer's order page draws its order's path over it.
 */
export const handler = userRoute({}, async () => {
  const machine = await sfn.send(
    new DescribeStateMachineCommand({ stateMachineArn: config.ORDER_SAGA_STATE_MACHINE_ARN }),
  );
  return json(200, {
    stateMachineArn: machine.stateMachineArn,
    name: machine.name,
    type: machine.type,
    definition: JSON.parse(machine.definition ?? '{}') as unknown,
  });
});
