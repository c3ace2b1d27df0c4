/**
 * `npm run saga:graph`: draws statemachines/order-saga.asl.yml into docs/ as Mermaid and SVG.
 * `npm run saga:graph -- --order <orderId>`: the same drawing with that order's path coloured,
 * read from the execution history of the running embedded stack (.local/stack.json), or of AWS
 * when AWS_REGION and ORDER_SAGA_STATE_MACHINE_ARN point there. Written to .local/.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { GetExecutionHistoryCommand, SFNClient, type HistoryEvent } from '@aws-sdk/client-sfn';
import { parse } from 'yaml';
import { sagaTraceOf } from '../functions/orders/domain/saga-trace';
import { sagaMermaid, type AslDefinition } from './saga-graph/mermaid';

const ROOT = resolve(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { order: { type: 'string' } } });
  const definition = parse(
    await readFile(resolve(ROOT, 'statemachines', 'order-saga.asl.yml'), 'utf8'),
    {
      merge: true,
    },
  ) as AslDefinition;

  if (!values.order) {
    await writeDiagram(resolve(ROOT, 'docs'), 'order-saga', sagaMermaid(definition));
    return;
  }
  const steps = await pathOf(values.order);
  await writeDiagram(
    resolve(ROOT, '.local'),
    `order-saga-${values.order}`,
    sagaMermaid(definition, steps),
  );
  console.log(steps.map((step) => `${step.state} ${step.status}`).join('\n'));
}

async function writeDiagram(dir: string, name: string, mermaid: string): Promise<void> {
  // beautiful-mermaid is ESM-only and lays the graph out without a browser.
  const { renderMermaidSVG } = await import('beautiful-mermaid');
  await mkdir(dir, { recursive: true });
  await writeFile(resolve(dir, `${name}.mmd`), mermaid);
  await writeFile(
    resolve(dir, `${name}.svg`),
    renderMermaidSVG(mermaid, { bg: '#ffffff', fg: '#1f2937' }),
  );
  console.log(`Wrote ${resolve(dir, name)}.mmd and .svg`);
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
