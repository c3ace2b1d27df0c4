import { InvokeCommand } from '@aws-sdk/client-lambda';
import type * as z from 'zod';
import { lambda } from './aws/lambda';

/**
 * A synchronous question to another context, asked of a function it publishes for that purpose
 * (e.g. the catalog's prices at order time): one context never reads another's table. The
 * answer is checked against the schema the asking side relies on.
 */
export async function callFunction<S extends z.ZodType>(
  functionName: string,
  request: unknown,
  answerSchema: S,
): Promise<z.output<S>> {
  const result = await lambda.send(
    new InvokeCommand({
      FunctionName: functionName,
      Payload: new TextEncoder().encode(JSON.stringify(request)),
    }),
  );
  const text = result.Payload ? new TextDecoder().decode(result.Payload) : 'null';
  if (result.FunctionError) throw new Error(`${functionName} failed: ${text}`);
  return answerSchema.parse(JSON.parse(text));
}
