/**
 * `npm run saga:graph`: draws statemachines/order-saga.asl.yml into docs/order-saga.svg with the
 * console's own graph code (web/src/saga-graph/: the same steps, ELK layout and colours; elkjs
 * runs in Node), so the README's picture and the console's are one drawing.
 * `npm run saga:graph -- --order <orderId>`: the same drawing with that order's path coloured,
 * read from the execution history of the running embedded stack (.local/stack.json), or of AWS
 * when AWS_REGION and ORDER_SAGA_STATE_MACHINE_ARN point there. Written to .local/.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import ELK from 'elkjs/lib/elk.bundled.js';
import { parse } from 'yaml';
import { sagaTraceOf } from '../functions/orders/domain/saga-trace';
import {
  executionPath,
  layoutSaga,
  sagaGraph,
  sagaSvg,
  type AslDefinition,
  type TraceStep,
} from '../web/src/saga-graph';

const ROOT = resolve(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { order: { type: 'string' } } });
  const definition = parse(
    await readFile(resolve(ROOT, 'statemachines', 'order-saga.asl.yml'), 'utf8'),
    { merge: true },
  ) as AslDefinition;

  if (!values.order) {
    await writeDiagram(resolve(ROOT, 'docs'), 'order-saga', definition);
    return;
  }
  const steps = await pathOf(values.order);
  await writeDiagram(resolve(ROOT, '.local'), `order-saga-${values.order}`, definition, steps);
  console.log(steps.map((step) => `${step.state} ${step.status}`).join('\n'));
}

async function writeDiagram(
  dir: string,
  name: string,
  definition: AslDefinition,
  steps?: TraceStep[],
): Promise<void> {
  const graph = sagaGraph(definition);
  const layout = await layoutSaga(new ELK(), graph);
  await mkdir(dir, { recursive: true });
  const file = resolve(dir, `${name}.svg`);
  await writeFile(file, sagaSvg(layout, steps && executionPath(steps, graph.edges)));
  console.log(`Wrote ${file}`);
}

async function pathOf(orderId: string) {
  const stateMachineArn =
    process.env.ORDER_SAGA_STATE_MACHINE_ARN ?? (await localStack()).ORDER_SAGA_STATE_MACHINE_ARN;
  const executionArn = `${stateMachineArn.replace(':stateMachine:', ':execution:')}:${orderId}`;
  const sfn = new SFNClient({});
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return sagaTraceOf(orderId, executionArn, events).steps;
}

/** The running embedded stack's environment: its endpoints, region and ARNs. */
async function localStack(): Promise<{ ORDER_SAGA_STATE_MACHINE_ARN: string }> {
  const file = resolve(ROOT, process.env.SHOP_STACK_FILE ?? '.local/stack.json');
  const stack = JSON.parse(
    await readFile(file, 'utf8').catch(() => {
      throw new Error(
        `No running stack (${file}): start one with npm start, or set ORDER_SAGA_STATE_MACHINE_ARN`,
      );
    }),
  ) as { environment: Record<string, string> };
  Object.assign(process.env, stack.environment);
  return { ORDER_SAGA_STATE_MACHINE_ARN: stack.environment.ORDER_SAGA_STATE_MACHINE_ARN ?? '' };
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
