import { InvokeCommand } from '@aws-sdk/client-lambda';
import type * as z from 'zod';
import { lambda } from './aws/lambda';
import type { InternalCall } from '../../contracts/internal-calls';

/**
 * A synchronous question to another context, asked of a function it publishes for that purpose
 * (e.g. the catalog's prices at order time): one context never reads another's table. The
 * request is typed by the call's contract, and the answer checked against it.
 */
export async function callFunction<Q extends z.ZodType, A extends z.ZodType>(
  functionName: string,
  call: InternalCall<Q, A>,
  request: z.input<Q>,
): Promise<z.output<A>> {
  const result = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      Payload: new TextEncoder().encode(JSON.stringify(request)),
    }),
  );
  const text = result.Payload ? new TextDecoder().decode(result.Payload) : 'null';
  if (result.FunctionError) throw new Error(`${functionName} failed: ${text}`);
  return call.answer.parse(JSON.parse(text));
}
