/**
 * The functions Step Functions adds to JSONata ($partition, $range, $hash, $random
 * with a seed, $uuid, $parse), and $eval, which Step Functions does not offer.
 * https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html#jsonata-functions-provided-by-sfn
 */
import { randomUUID } from 'node:crypto';
import { StatesError } from './errors';
import { callIntrinsic } from './intrinsic-functions';

/** mulberry32: the same seed gives the same number, which is what a seed is for. */
const seededRandom = (seed: number): number => {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};

export const STEP_FUNCTIONS_JSONATA_FUNCTIONS: Record<string, (...args: unknown[]) => unknown> = {
  partition: (array, size) => callIntrinsic('States.ArrayPartition', [array, size]),
  range: (start, end, step) => callIntrinsic('States.ArrayRange', [start, end, step]),
  hash: (data, algorithm) => callIntrinsic('States.Hash', [data, algorithm]),
  random: (seed) => (typeof seed === 'number' ? seededRandom(seed) : Math.random()),
  uuid: () => randomUUID(),
  parse: (text) => {
    if (typeof text !== 'string')
      throw new StatesError('States.QueryEvaluationError', '$parse expects a string');
    return JSON.parse(text) as unknown;
  },
  eval: () => {
    throw new StatesError(
      'States.QueryEvaluationError',
      '$eval is not available in Step Functions; use $parse',
    );
  },
};
